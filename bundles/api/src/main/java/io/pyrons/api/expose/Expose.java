package io.pyrons.api.expose;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method (or every public method of a class) as callable by Pyro clients, as Pyro4's
 * {@code @expose}. Keyword arguments bind by parameter name (compile with {@code -parameters}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Expose {
}
