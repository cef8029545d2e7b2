package org.serspark.extract;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task (and then a whole chunk) of the extract job produced: the clips it wrote, each with the Parquet file
 * holding it, and the files it rejected. A task returns one to the driver; the driver merges a chunk's and writes it
 * as {@code chunk-N.json}, which marks the chunk finished and lets the assembly count rows and find byte-identical
 * clips without reading the Parquet back. Public fields and plain classes: Jackson writes them and Spark's Kryo 4
 * carries them (it cannot serialise records).
 */
public final class ChunkRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public List<Clip> clips = new ArrayList<>();
    public List<RejectRecord> rejects = new ArrayList<>();

    /**
     * One extracted clip: its path under the input root, its audio hash, its file under the chunk folder, and its
     * summary ({@code null} in records written before summaries existed).
     */
    public static final class Clip implements Serializable {
        private static final long serialVersionUID = 1L;

        public String path;
        public String sha256;
        public String file;
        public ClipSummary summary;

        /** For JSON and Kryo. */
        public Clip() {
        }

        public Clip(String path, String sha256, String file, ClipSummary summary) {
            this.path = path;
            this.sha256 = sha256;
            this.file = file;
            this.summary = summary;
        }
    }
}
