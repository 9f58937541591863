# grn-silo, CPU flavour (tag REPO:TAG): the silo host, with the grn CLI beside it in /app (the
# chart's data Job runs `dotnet /app/grn.dll data prepare` in this image).
#
#   docker build -f deploy/docker/silo.Dockerfile -t REGISTRY/grn-silo:0.1.0 .
#
# GPU nodes take deploy/docker/silo-cuda.Dockerfile (REPO:TAG-cuda). deploy/images/check.sh builds
# this file here with buildah, from bases it makes itself (SDK_IMAGE, RUNTIME_IMAGE), and runs a
# sweep in the image. Ubuntu 24.04 (noble) bases: their libstdc++ has GLIBCXX_3.4.32, so TorchSharp
# loads as it is (the Debian 12 fix in build/ finds nothing to do).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble

# What restore reads, and nothing else: the project files, Directory.*.props/targets, global.json,
# build/*.props/targets. A source change leaves this stage's output as it was, so the restore layer
# below, and the packages in it, come from the cache.
FROM ${SDK_IMAGE} AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! -name '*.csproj' ! -name '*.props' ! -name '*.targets' ! -name global.json -delete

# Restore grn-silo and grn (identical in silo.Dockerfile and cli.Dockerfile, so one cached restore
# serves both images), then the sources, then publish.
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY --from=projects /src ./
RUN dotnet restore src/GradRetentionNet.Silo/GradRetentionNet.Silo.csproj -r linux-x64 \
 && dotnet restore src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj -r linux-x64
COPY . .
RUN dotnet publish src/GradRetentionNet.Silo/GradRetentionNet.Silo.csproj --no-restore -c Release -r linux-x64 --self-contained false -o /app \
 && dotnet publish src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj --no-restore -c Release -r linux-x64 --self-contained false -o /app

FROM ${RUNTIME_IMAGE}
# The writable places under a read-only root besides /tmp: the shared runs volume and the data
# volume (downloaded datasets, and the offline sources build/offline-data.sh lays out).
RUN mkdir -p /runs /data \
 && chown 1654:1654 /runs /data
WORKDIR /app
COPY --from=build /app ./
# app, the .NET images' non-root user; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1654
# MALLOC_ARENA_MAX=2: jobs train on threads of their own and glibc would give each a fresh arena;
# resident memory then grows job after job (BENCHMARKS.md, "Memory over 50 jobs").
ENV GRN_Silo__LogFormat=json \
    GRN_Silo__OutputRoot=/runs \
    GRN_Silo__DataRoot=/data \
    GRN_OFFLINE_DATA=/data/offline \
    ASPNETCORE_URLS=http://+:8080 \
    MALLOC_ARENA_MAX=2
# 8080: HTTP API, /metrics, /health/live, /health/ready; 11111: silo; 30000: gateway.
EXPOSE 8080 11111 30000
# grn-silo health asks /health/live on 8080 (no curl in the .NET images). The start period covers
# joining the cluster; the probe's own 5 s timeout reports before Docker's 10 s one kills it.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/grn-silo.dll", "health"]
ENTRYPOINT ["dotnet", "/app/grn-silo.dll"]
LABEL org.opencontainers.image.title="grn-silo" \
      org.opencontainers.image.description="GradRetentionNet silo (CPU): Orleans training slots and the sweep HTTP API" \
      org.opencontainers.image.licenses="MIT"
