package org.serspark.download;

/**
 * The official RAVDESS speech archive on Zenodo (record 1188976, DOI 10.5281/zenodo.1188976, CC BY-NC-SA 4.0).
 *
 * <p>The MD5 is the checksum Zenodo publishes for the file ({@code md5:bc696df654c87fed845eb13823edef8a}, 208,468,073
 * bytes). It was not read off zenodo.org itself (no network here): it comes from several independent public
 * projects that quote Zenodo's value and report having verified it on download. If Zenodo ever republishes the
 * file, {@code --md5} overrides it.
 */
public final class RavdessArchive {
    public static final String FILE_NAME = "Audio_Speech_Actors_01-24.zip";
    public static final String URL = "https://zenodo.org/records/1188976/files/" + FILE_NAME + "?download=1";
    public static final String MD5 = "bc696df654c87fed845eb13823edef8a";
    public static final long BYTES = 208_468_073L;

    private RavdessArchive() {
    }

    /** The checksum to hold a downloaded file to: the published one when the file is this archive, else none. */
    public static String knownMd5(String fileName) {
        return FILE_NAME.equals(fileName) ? MD5 : null;
    }
}
