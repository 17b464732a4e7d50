package org.pressdav.dav.node;

/**
 * A folder WordPress keeps inside an object's folder (a post's {@code revisions/} and each revision in it),
 * which a DELETE hides from its user for a while, as it does a field file ({@link FieldFolder}): nothing
 * changes in WordPress, and Finder and {@code rm -r}, which empty a post's folder depth first before they
 * delete it, get through to the post.
 */
public interface HiddenWhenDeleted {
}
