package org.ozworkbench.workbench.report;

/**
 * What {@code ozw save} did.
 *
 * @param image        the image loaded
 * @param out          the file written
 * @param bytesWritten its size
 * @param identical    whether it has exactly the bytes of the image loaded
 * @param sha256       the SHA-256 of the file written, in hex
 */
public record SaveReport(String image, String out, long bytesWritten, boolean identical, String sha256) {
}
