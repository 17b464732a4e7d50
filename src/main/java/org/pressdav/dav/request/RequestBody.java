package org.pressdav.dav.request;

import java.io.FilterInputStream;
import org.pressdav.dav.BodyCutShort;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request's body as handlers read it. A body that ends before its declared length, or whose
 * client goes silent past the idle timeout, is the client's failure: it becomes {@link BodyCutShort},
 * which is answered 400 (if the client is still there to hear it), never a 500.
 */
public final class RequestBody extends FilterInputStream {
    public RequestBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new BodyCutShort(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new BodyCutShort(e);
        }
    }
}
