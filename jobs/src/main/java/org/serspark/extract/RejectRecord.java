package org.serspark.extract;

import java.io.Serializable;
import org.serspark.corpus.ClipOutcome;

/**
 * A rejected file as it travels from an executor to the driver (a class, not a record: Spark's Kryo 4 cannot
 * serialise records).
 */
public final class RejectRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path;
    private String reason;
    private String detail;
    private long sizeBytes;

    /** For JSON. */
    public RejectRecord() {
    }

    public RejectRecord(String path, String reason, String detail, long sizeBytes) {
        this.path = path;
        this.reason = reason;
        this.detail = detail;
        this.sizeBytes = sizeBytes;
    }

    static RejectRecord of(ClipOutcome.Rejected r) {
        return new RejectRecord(r.path(), r.reason().code(), r.detail(), r.sizeBytes());
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    // bean accessors for Jackson
    public String getPath() {
        return path;
    }

    public String getReason() {
        return reason;
    }

    public String getDetail() {
        return detail;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public void setSizeBytes(long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }
}
