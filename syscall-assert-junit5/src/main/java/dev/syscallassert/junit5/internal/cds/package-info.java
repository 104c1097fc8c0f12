/**
 * The class data sharing archive the test JVM makes for its children, and keeps in a cache for later builds
 * ({@code ClassDataArchive}), with the class path laid out so that an archive can serve it ({@code ArchivableClassPath}).
 * Test JVM only.
 *
 * <p>Internal: no compatibility promise.
 */
package dev.syscallassert.junit5.internal.cds;
