package io.pyrons.serializer.marshal;

/** The type codes of Python 3's marshal format (Python/marshal.c), version 4. */
final class MarshalFormat {
    static final int NULL = '0';
    static final int NONE = 'N';
    static final int FALSE = 'F';
    static final int TRUE = 'T';
    static final int STOPITER = 'S';
    static final int ELLIPSIS = '.';
    static final int INT = 'i';
    static final int FLOAT = 'f';
    static final int BINARY_FLOAT = 'g';
    static final int COMPLEX = 'x';
    static final int BINARY_COMPLEX = 'y';
    static final int LONG = 'l';
    static final int STRING = 's';
    static final int INTERNED = 't';
    static final int REF = 'r';
    static final int TUPLE = '(';
    static final int LIST = '[';
    static final int DICT = '{';
    static final int CODE = 'c';
    static final int UNICODE = 'u';
    static final int SET = '<';
    static final int FROZENSET = '>';
    static final int ASCII = 'a';
    static final int ASCII_INTERNED = 'A';
    static final int SMALL_TUPLE = ')';
    static final int SHORT_ASCII = 'z';
    static final int SHORT_ASCII_INTERNED = 'Z';
    /** Set on a type code when the object goes into the reference table. */
    static final int FLAG_REF = 0x80;
    /** Python writes ints beyond 32 bits as base 2**15 digits. */
    static final int LONG_SHIFT = 15;

    private MarshalFormat() {
    }
}
