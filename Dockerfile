# pressdav beside a WordPress, in one Debian 12 container: it builds and starts exactly what
# the README's non-Docker path does (scripts/run: the test bed's WordPress, then pressdav).
FROM debian:12
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven curl ca-certificates \
      wordpress mariadb-server php-cli php-mysql libapache2-mod-php php-curl php-xml php-mbstring php-gd php-intl php-zip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/pressdav
COPY . .
RUN mvn -B -q -ntp package -DskipTests
EXPOSE 8080
CMD ["scripts/run", "--host", "0.0.0.0"]
