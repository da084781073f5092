package org.ozworkbench.core.compiler.conformance;

/**
 * A method whose record the guest could not finish writing: an error outside the decompile and
 * compile steps (while reading the method itself, say). It is not among the corpus's methods.
 *
 * @param qualifiedClassName "Array" or "Array class"
 * @param selector           the selector
 * @param message            the guest's error message
 * @param offset             the byte offset of the record in the corpus file
 */
public record GuestRecordError(String qualifiedClassName, String selector, String message, long offset) {
}
