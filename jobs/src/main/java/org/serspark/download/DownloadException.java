package org.serspark.download;

import java.io.IOException;

/** An expected failure of a download or unpack, with a message meant to be shown to the user as one line. */
public final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers (and tests) need not parse messages. */
    public enum Kind {
        /** The server could not be reached at all (DNS, refused, timeout). */
        OFFLINE,
        /** The server answered with an HTTP error status. */
        HTTP,
        /** The connection dropped or stalled mid-transfer; the partial file is kept for a resume. */
        INTERRUPTED,
        /** The downloaded bytes do not have the expected MD5. */
        CHECKSUM,
        /** The archive is damaged or would write outside the output directory. */
        BAD_ARCHIVE,
        /** The output directory is in a state we refuse to touch (foreign files in the way, no space). */
        OUTPUT
    }

    private final Kind kind;

    public DownloadException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DownloadException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
