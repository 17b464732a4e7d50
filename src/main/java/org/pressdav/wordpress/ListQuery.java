package org.pressdav.wordpress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to list: the {@code _fields} to ask for (empty: all), a {@link Context} and extra query
 * parameters such as {@code status=any}. Immutable; each {@code with*} returns a new query.
 */
public record ListQuery(List<String> fields, Context context, Map<String, String> params) {
    public ListQuery {
        fields = List.copyOf(fields);
        params = Map.copyOf(params);
    }

    public static ListQuery all() {
        return new ListQuery(List.of(), Context.VIEW, Map.of());
    }

    /** How a post's revisions are read: raw values (the edit context), newest first as wp-admin lists them. */
    public static ListQuery revisions() {
        return all().withContext(Context.EDIT).with("orderby", "date").with("order", "desc");
    }

    public ListQuery withFields(String... names) {
        return new ListQuery(List.of(names), context, params);
    }

    public ListQuery withContext(Context c) {
        return new ListQuery(fields, c, params);
    }

    public ListQuery with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(name, value);
        return new ListQuery(fields, context, more);
    }
}
