/**
 * The drive's own state shared by several instances serving one site, in Redis (only with
 * {@code --redis-url}): each class is the Redis form of one store of {@code dav/lock} or
 * {@code dav/store}, passing the same contract tests as the in-memory one. {@link RedisBackend}
 * is the connection, its key names and what happens when Redis does not answer; the composition
 * root ({@code server/Pressdav}) chooses them with {@code --redis-url}.
 */
package org.pressdav.redis;
