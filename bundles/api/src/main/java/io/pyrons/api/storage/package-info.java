/**
 * The storage SPI: a storage bundle registers one {@link io.pyrons.api.storage.StorageProvider}
 * with the service property {@value io.pyrons.api.storage.StorageProvider#TYPE}, best written with
 * {@link io.pyrons.api.storage.StorageType}.
 */
@Export
@Version("1.4.0")
package io.pyrons.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
