/**
 * Where failed logins are counted, apart from the rules that read the counts ({@code server/LoginThrottle}):
 * in this process ({@link InMemoryLoginCounts}, one instance) or in Redis ({@code redis/RedisLoginCounts},
 * shared by every instance behind a balancer, so that N instances do not give a guesser N times the tries).
 * A package of its own because both {@code server/} and {@code redis/} need it and neither may need the other.
 */
package org.pressdav.login;
