package io.pyrons.api.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The storage type a {@link StorageProvider} component opens, written once on the component:
 * {@code @Component @StorageType("sql") class SqlStorageProvider implements StorageProvider}. DS turns it into
 * the service property {@value StorageProvider#TYPE}, which is all the name server looks at: a backend is
 * selected by {@code storage = TYPE[:LOCATION]} as soon as its provider is registered, with no list of types
 * anywhere else.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface StorageType {
    /** With the single-element name {@code storage.type}, this makes the property {@value StorageProvider#TYPE}. */
    String PREFIX_ = "pyrons.";

    /** The type, the text before the first {@code :} of the {@code storage} setting (e.g. {@code sql}). */
    String value();
}
