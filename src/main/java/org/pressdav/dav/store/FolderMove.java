package org.pressdav.dav.store;

import org.pressdav.dav.DavPath;

/** A folder of the drive moving from one path to another, as {@link ScratchFiles} notes it before WordPress moves it. */
public record FolderMove(DavPath from, DavPath to) {
}
