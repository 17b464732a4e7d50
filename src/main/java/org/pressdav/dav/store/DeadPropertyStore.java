package org.pressdav.dav.store;

import java.util.Collection;
import java.util.Map;
import javax.xml.namespace.QName;
import org.pressdav.dav.ResourceKey;

/**
 * Properties clients set with PROPPATCH that WordPress has no field for (Windows' Win32 times
 * and attributes, any namespace): per user and resource ({@link ResourceKey}, so they follow the
 * object). Each value is the property's text. A store bounds what it keeps and says so.
 */
public interface DeadPropertyStore {
    Map<QName, String> of(String user, ResourceKey resource);

    /** The same for many resources at once (a folder's children in a listing): one call; resources without properties are left out. */
    Map<ResourceKey, Map<QName, String>> of(String user, Collection<ResourceKey> resources);

    /**
     * The same for what a PROPFIND shows: a store shared by several instances may answer from a copy it keeps in
     * each, which follows a change made through another instance within moments (what a write decides on, {@link #of}, is its latest).
     */
    default Map<ResourceKey, Map<QName, String>> ofForRead(String user, Collection<ResourceKey> resources) {
        return of(user, resources);
    }

    /** Replaces the resource's properties with {@code updated}, all at once; or changes nothing and says why (507). */
    String replace(String user, ResourceKey resource, Map<QName, String> updated);
}
