package org.pressdav.wordpress;

/** Told of every call pressdav makes to WordPress, for the metrics and the request log. */
public interface CallObserver {
    CallObserver NONE = new CallObserver() {
        @Override
        public Object context() {
            return null;
        }

        @Override
        public void finished(Object context, int status, long nanos) {
        }
    };

    /** On the thread that makes the call: what it is made for (the DAV request being answered), or null. */
    Object context();

    /** The call's answer ({@code status}, or -1 when none came) after {@code nanos}. */
    void finished(Object context, int status, long nanos);
}
