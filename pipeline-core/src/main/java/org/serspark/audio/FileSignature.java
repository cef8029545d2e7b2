package org.serspark.audio;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Says what a file that is not RIFF/WAVE looks like, so a reject reads "an MP3 file" rather than "bad magic". */
final class FileSignature {
    private static final int MPEG_SYNC_BYTE = 0xFF;
    private static final int MPEG_SYNC_MASK = 0xE0;
    private static final int FTYP_OFFSET = 4;
    private static final int SIGNATURE_BYTES = 4;
    private static final int TEXT_SAMPLE_BYTES = 64;
    private static final int PRINTABLE_MIN = 0x20;
    private static final int PRINTABLE_MAX = 0x7E;

    private FileSignature() {
    }

    static String describe(byte[] b, int length) {
        if (startsWith(b, length, 0, "ID3")) {
            return "an MP3 file (ID3 tag)";
        }
        if (length >= 2 && (b[0] & 0xFF) == MPEG_SYNC_BYTE && (b[1] & MPEG_SYNC_MASK) == MPEG_SYNC_MASK) {
            return "an MPEG audio (MP3/AAC) stream";
        }
        if (startsWith(b, length, 0, "fLaC")) {
            return "a FLAC file";
        }
        if (startsWith(b, length, 0, "OggS")) {
            return "an Ogg file";
        }
        if (startsWith(b, length, 0, "FORM")) {
            return "an IFF/AIFF file";
        }
        if (startsWith(b, length, FTYP_OFFSET, "ftyp")) {
            return "an MP4/M4A file";
        }
        if (looksLikeText(b, length)) {
            return "a text file";
        }
        return "unknown signature " + hex(b, Math.min(length, SIGNATURE_BYTES));
    }

    /** A four-character code as text when printable, else as hex, for messages. */
    static String fourCc(byte[] b, int offset) {
        for (int i = 0; i < SIGNATURE_BYTES; i++) {
            if (!isPrintable(b[offset + i])) {
                byte[] part = new byte[SIGNATURE_BYTES];
                System.arraycopy(b, offset, part, 0, SIGNATURE_BYTES);
                return hex(part, SIGNATURE_BYTES);
            }
        }
        return "'" + new String(b, offset, SIGNATURE_BYTES, StandardCharsets.US_ASCII) + "'";
    }

    /** Whether four bytes could be a chunk id: RIFF ids are printable ASCII. */
    static boolean isFourCc(byte[] b, int offset) {
        for (int i = 0; i < SIGNATURE_BYTES; i++) {
            if (!isPrintable(b[offset + i])) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, int length, int offset, String ascii) {
        if (length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] b, int length) {
        int n = Math.min(length, TEXT_SAMPLE_BYTES);
        for (int i = 0; i < n; i++) {
            if (!isPrintable(b[i]) && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
                return false;
            }
        }
        return n > 0;
    }

    private static boolean isPrintable(byte c) {
        return c >= PRINTABLE_MIN && c <= PRINTABLE_MAX;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, "%02X", b[i] & 0xFF));
        }
        return s.toString();
    }
}
