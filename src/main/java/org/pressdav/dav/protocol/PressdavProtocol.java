package org.pressdav.dav.protocol;

import io.milton.http.Handler;
import io.milton.http.HttpExtension;
import io.milton.http.http11.CustomPostHandler;
import java.util.List;
import java.util.Set;

/** pressdav's own method handlers, registered after Milton's so that they win their methods. */
public final class PressdavProtocol implements HttpExtension {
    private final Set<Handler> handlers;

    public PressdavProtocol(Handler... handlers) {
        this.handlers = Set.of(handlers);
    }

    @Override
    public Set<Handler> getHandlers() {
        return handlers;
    }

    @Override
    public List<CustomPostHandler> getCustomPostHandlers() {
        return List.of();
    }
}
