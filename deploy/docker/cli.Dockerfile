# grn, the command line, as an image: submit, watch and fetch sweeps of a cluster over its HTTP API,
# or train on the spot with `grn run` (CPU).
#
#   docker build -f deploy/docker/cli.Dockerfile -t REGISTRY/grn:0.1.0 .
#   docker run --rm -e GRN_SERVER=http://silo:8080 -e GRN_TOKEN=... -v "$PWD:/work" REGISTRY/grn:0.1.0 submit sweep.yaml --watch
#
# The same command is a dotnet tool package (deploy/tool/). No HEALTHCHECK: it serves nothing.
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
RUN dotnet publish src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj --no-restore -c Release -r linux-x64 --self-contained false -o /app

# ASP.NET Core's runtime: grn run hosts an embedded silo.
FROM ${RUNTIME_IMAGE}
# /work: the working folder (specs in, reports and `grn run` folders out); mount one over it.
RUN mkdir -p /work \
 && chown 1654:1654 /work
COPY --from=build /app /app
WORKDIR /work
# app, the .NET images' non-root user; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1654
# MALLOC_ARENA_MAX=2: grn run trains jobs on threads of their own (BENCHMARKS.md, "Memory over 50 jobs").
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["dotnet", "/app/grn.dll"]
CMD ["--help"]
LABEL org.opencontainers.image.title="grn" \
      org.opencontainers.image.description="GradRetentionNet command line: sweeps over a cluster's HTTP API, or locally" \
      org.opencontainers.image.licenses="MIT"
