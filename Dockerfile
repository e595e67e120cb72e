# syntax=docker/dockerfile:1
# Build: docker build -t followup-coach .
#        docker build --build-arg TAGS=scaleout -t followup-coach:scaleout .   (PostgreSQL, /metrics)
# Run:   docker run -d --env-file followup.env -v followup-data:/data followup-coach

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same script .ci/run uses, so CI proves this step works.
ARG TAGS=
RUN ./scripts/build.sh /out/followup "$TAGS" && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/followup /usr/local/bin/followup
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATABASE_URL=/data/followup.db \
    FOLLOWUP_HTTP_ADDR=:8080
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/usr/local/bin/followup", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/followup"]
