package org.pressdav.dav.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.LongAdder;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.lock.SerialWrites;

/**
 * The drive's stores, each call to any of them counted: what a request costs in store round trips,
 * which on a store shared by several instances is what a request waits for. Read by the metrics
 * ({@code pressdav_store_calls_total}); a listing should cost a few calls however long it is.
 */
public final class CountedStores {
    private final LongAdder calls = new LongAdder();
    private final DriveStores stores;

    public CountedStores(DriveStores real) {
        this.stores = new DriveStores(
                counted(LockSystem.class, real.locks()),
                counted(DeadPropertyStore.class, real.properties()),
                counted(FolderNames.class, real.names()),
                counted(HiddenFiles.class, real.hidden()),
                counted(ScratchFiles.class, real.scratch()),
                counted(FirstSeen.class, real.firstSeen()),
                counted(SerialWrites.class, real.serial()),
                real.clock());
    }

    /** The stores to use: the same ones, counted. */
    public DriveStores stores() {
        return stores;
    }

    /** Calls made to any store since start. */
    public long calls() {
        return calls.sum();
    }

    private <T> T counted(Class<T> type, T store) {
        InvocationHandler counting = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
            }
            calls.increment();
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, counting));
    }
}
