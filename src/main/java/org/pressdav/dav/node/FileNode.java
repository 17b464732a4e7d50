package org.pressdav.dav.node;

import io.milton.http.Auth;
import io.milton.http.Range;
import io.milton.resource.GetableResource;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/** A file node: Milton reads its size, type and ETag for PROPFIND; GET goes through {@link DavFile}. */
public abstract class FileNode extends Node implements GetableResource, DavFile {
    protected FileNode(String name, Instant modified, Instant created) {
        super(name, modified, created);
    }

    @Override
    public String getUniqueId() {
        return etag();
    }

    @Override
    public Long getContentLength() {
        return length();
    }

    @Override
    public String getContentType(String accepts) {
        return contentType();
    }

    @Override
    public Long getMaxAgeSeconds(Auth auth) {
        return null;
    }

    @Override
    public void sendContent(OutputStream out, Range range, Map<String, String> params, String contentType) throws IOException {
        if (range == null) {
            write(out, 0, length());
        } else {
            long start = range.getStart() == null ? 0 : range.getStart();
            long end = range.getFinish() == null ? length() - 1 : Math.min(range.getFinish(), length() - 1);
            write(out, start, end - start + 1);
        }
    }
}
