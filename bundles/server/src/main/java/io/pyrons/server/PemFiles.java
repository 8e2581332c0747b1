package io.pyrons.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the PEM files Pyro4 (Python's ssl module) is given: certificates, and private keys as PKCS#8
 * ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY} with a password), PKCS#1 ({@code RSA PRIVATE KEY}) or
 * SEC1 ({@code EC PRIVATE KEY}). The older OpenSSL encryption of PKCS#1/SEC1 keys ({@code Proc-Type: 4,ENCRYPTED})
 * is refused with a clear message: convert such a key with {@code openssl pkcs8 -topk8}.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption and id-ecPublicKey, DER-encoded OIDs. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    record Block(String type, String headers, byte[] der) {
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) { // RFC 1421 headers (Proc-Type, DEK-Info) precede a blank line
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                blocks.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IOException("invalid base64 in the " + m.group(1) + " block of " + file, e);
            }
        }
        return blocks;
    }

    /** Every certificate in the file, in order (the server's own first, then its chain). */
    static List<X509Certificate> certificates(Path file) throws IOException {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 support in this JVM", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.type().equals("CERTIFICATE") || block.type().equals("TRUSTED CERTIFICATE")) {
                try {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                } catch (CertificateException e) {
                    throw new IOException("invalid certificate in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return certs;
    }

    /** The first private key in the file, or null when it holds none. */
    static PrivateKey privateKey(Path file, char[] password) throws IOException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der(), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    return pkcs8(decrypt(block.der(), password, file), file);
                }
                case "RSA PRIVATE KEY" -> {
                    refuseLegacyEncryption(block, file);
                    return pkcs8(wrapPkcs8(RSA_OID_WITH_NULL, block.der()), file);
                }
                case "EC PRIVATE KEY" -> {
                    refuseLegacyEncryption(block, file);
                    return pkcs8(wrapPkcs8(concat(EC_OID, ecCurve(block.der(), file)), block.der()), file);
                }
                default -> {
                    // certificates and parameters (e.g. EC PARAMETERS) may share the file
                }
            }
        }
        return null;
    }

    private static final byte[] RSA_OID_WITH_NULL = concat(RSA_OID, new byte[]{0x05, 0x00});

    private static void refuseLegacyEncryption(Block block, Path file) throws IOException {
        if (block.headers().contains("ENCRYPTED")) {
            throw new IOException("the key in " + file + " uses OpenSSL's legacy PEM encryption, which pyrons cannot read;"
                    + " convert it with: openssl pkcs8 -topk8 -in KEY -out KEY8 (keeps a password with -v2 aes256)");
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        var spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException("unsupported or invalid private key in " + file);
    }

    private static byte[] decrypt(byte[] der, char[] password, Path file) throws IOException {
        if (password == null || password.length == 0) {
            throw new IOException("the private key in " + file + " is encrypted: set ssl.serverkeypasswd");
        }
        try {
            var info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgName();
            if (algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13")) {
                // the JDK names the concrete PBES2 scheme only through its parameters, e.g. PBEWithHmacSHA256AndAES_256
                algorithm = info.getAlgParameters().toString();
            }
            var key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            var cipher = javax.crypto.Cipher.getInstance(algorithm);
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt the private key in " + file + " (wrong ssl.serverkeypasswd?): " + e, e);
        }
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 or SEC1 key: SEQUENCE { 0, SEQUENCE { algorithm }, OCTET STRING }. */
    private static byte[] wrapPkcs8(byte[] algorithmContent, byte[] key) {
        return tlv(0x30, concat(new byte[]{0x02, 0x01, 0x00}, tlv(0x30, algorithmContent), tlv(0x04, key)));
    }

    /** The named-curve OID inside a SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING, [0] { OID }, ... }. */
    private static byte[] ecCurve(byte[] sec1, Path file) throws IOException {
        var reader = new Der(sec1);
        var sequence = reader.enter(0x30);
        sequence.skip(0x02);
        sequence.skip(0x04);
        while (sequence.hasMore()) {
            int tag = sequence.peekTag();
            if (tag == 0xa0) {
                Der parameters = sequence.enter(0xa0);
                return parameters.raw(0x06);
            }
            sequence.skip(tag);
        }
        throw new IOException("the EC key in " + file + " names no curve; write it with: openssl ec -param_enc named_curve");
    }

    private static byte[] tlv(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Just enough DER reading to find a curve: definite lengths, one-byte tags. */
    private static final class Der {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws IOException {
            require(1);
            return bytes[pos] & 0xff;
        }

        Der enter(int tag) throws IOException {
            int length = header(tag);
            Der inner = new Der(bytes, pos, pos + length);
            pos += length;
            return inner;
        }

        void skip(int tag) throws IOException {
            int length = header(tag); // before touching pos: header() moves it
            pos += length;
        }

        byte[] raw(int tag) throws IOException {
            int start = pos;
            int length = header(tag);
            pos += length;
            byte[] tlv = new byte[pos - start];
            System.arraycopy(bytes, start, tlv, 0, tlv.length);
            return tlv;
        }

        private int header(int tag) throws IOException {
            require(2);
            if ((bytes[pos] & 0xff) != tag) {
                throw new IOException("malformed key: expected DER tag " + tag + ", found " + (bytes[pos] & 0xff));
            }
            pos++;
            int length = bytes[pos++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 3) {
                    throw new IOException("malformed key: unsupported DER length");
                }
                require(count);
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[pos++] & 0xff);
                }
            }
            if (length > end - pos) {
                throw new IOException("malformed key: truncated DER");
            }
            return length;
        }

        private void require(int n) throws IOException {
            if (end - pos < n) {
                throw new IOException("malformed key: truncated DER");
            }
        }
    }
}
