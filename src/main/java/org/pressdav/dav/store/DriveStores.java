package org.pressdav.dav.store;

import java.time.Clock;
import org.pressdav.dav.lock.LockSystem;
import org.pressdav.dav.lock.SerialWrites;

/**
 * Everything the drive keeps besides what WordPress holds, each behind its interface, chosen at
 * the composition root ({@code server/Pressdav}): the in-memory and on-disk implementations are
 * the default, a backend shared by several instances can replace any of them. The clock is the
 * one every store is given the time from.
 */
public record DriveStores(
        LockSystem locks,
        DeadPropertyStore properties,
        FolderNames names,
        HiddenFiles hidden,
        ScratchFiles scratch,
        FirstSeen firstSeen,
        SerialWrites serial,
        Clock clock) {
}
