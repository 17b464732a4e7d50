package org.pressdav.wordpress;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A mockwebserver3 dispatcher answering by REST route, for unit tests of error paths and paging.
 * {@code users/me} accepts exactly one login unless told otherwise.
 */
final class FakeWordPress extends Dispatcher {
    static final String GOOD_AUTHORIZATION = Credentials.of("admin", "good pass").authorizationHeader();

    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();

    FakeWordPress() {
        route("/wp-json/wp/v2/users/me", request -> GOOD_AUTHORIZATION.equals(request.getHeaders().get("Authorization"))
                ? json(200, "{\"id\":1,\"username\":\"admin\",\"name\":\"Admin\",\"roles\":[\"administrator\"]}")
                : json(401, "{\"code\":\"incorrect_password\",\"message\":\"The provided password is an invalid application password.\",\"data\":{\"status\":401}}"));
    }

    FakeWordPress route(String path, Function<RecordedRequest, MockResponse> answer) {
        routes.put(path, answer);
        return this;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    long count(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Function<RecordedRequest, MockResponse> answer = routes.get(request.getUrl().encodedPath());
        return answer != null ? answer.apply(request)
                : json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route was found matching the URL and request method.\",\"data\":{\"status\":404}}");
    }
}
