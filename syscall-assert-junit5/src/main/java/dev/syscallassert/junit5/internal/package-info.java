/**
 * The JUnit 5 extension's implementation, cut along the JVM boundary: {@code host} runs in the test JVM (Surefire's,
 * an IDE's), {@code child} in the traced child JVM that runs one test, {@code wire} holds the formats that cross
 * between them (each with both of its ends), {@code config} the configuration both are given, {@code cds} the class
 * data archive the test JVM makes for its children.
 *
 * <p>Public only so that those packages can see each other: <b>no compatibility promise</b>. Anything here may change
 * or go in any release; use {@link dev.syscallassert.junit5.TraceSyscalls} and the configuration parameters it lists.
 */
package dev.syscallassert.junit5.internal;
