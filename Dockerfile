# pressdav alone, beside any WordPress:
#   docker build -t pressdav .
#   docker run -e PRESSDAV_WORDPRESS_URL=https://blog.example.org -p 8080:8080 pressdav
# Every setting is a PRESSDAV_* variable (README, "Configuration"). Maven builds the jar; a Java 17
# runtime runs it as a user without privileges, its data in one volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src src
COPY wordpress-plugin wordpress-plugin
RUN mvn -B -q -ntp package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home --home-dir /var/lib/pressdav --shell /usr/sbin/nologin pressdav \
 && mkdir -p /var/lib/pressdav /opt/pressdav \
 && chown pressdav /var/lib/pressdav
COPY --from=build /src/target/pressdav.jar /opt/pressdav/pressdav.jar
# The companion plugin's zip, to install in wp-admin (docker cp <container>:/opt/pressdav/ .)
COPY --from=build /src/target/pressdav-plugin-*.zip /opt/pressdav/
ENV PRESSDAV_HOST=0.0.0.0 \
    PRESSDAV_PORT=8080 \
    PRESSDAV_DATA_DIR=/var/lib/pressdav
VOLUME /var/lib/pressdav
USER pressdav
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-cp", "/opt/pressdav/pressdav.jar", "org.pressdav.server.HealthCheck"]
# java is PID 1 and stops cleanly on SIGTERM: requests in flight finish (10 s at most), then it exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/pressdav/pressdav.jar"]
