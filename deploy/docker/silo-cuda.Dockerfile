# grn-silo, CUDA flavour (tag REPO:TAG-cuda), for GPU nodes: the silo host with the grn CLI beside
# it in /app, on NVIDIA's CUDA runtime base.
#
#   docker build -f deploy/docker/silo-cuda.Dockerfile -t REGISTRY/grn-silo:0.1.0-cuda .
#
# Build it where nuget.org (or a mirror holding TorchSharp-cuda-linux) is reachable: it restores
# TorchSharp-cuda-linux 0.107.0, which brings libtorch-cuda-12.8-linux-x64 2.10.0 (libtorch 2.10
# built for CUDA 12.8, in some two dozen fragment packages), hence the CUDA 12.8 base. The nodes need
# an NVIDIA driver for CUDA 12.8 (>= 570) and the NVIDIA container toolkit, which reads
# NVIDIA_VISIBLE_DEVICES and NVIDIA_DRIVER_CAPABILITIES below. A silo told it has GPUs
# (GRN_Silo__Gpus > 0) refuses to start where TorchSharp sees fewer CUDA devices.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0-noble
ARG DOTNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0-noble
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

# What restore reads, and nothing else: the project files, Directory.*.props/targets, global.json,
# build/*.props/targets. A source change leaves this stage's output as it was, so the restore layer
# below, and the packages in it, come from the cache.
FROM ${SDK_IMAGE} AS projects
WORKDIR /src
COPY . .
RUN find . -type f ! -name '*.csproj' ! -name '*.props' ! -name '*.targets' ! -name global.json -delete

# Restore grn-silo and grn for CUDA (otherwise as in silo.Dockerfile), then the sources, then publish.
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY --from=projects /src ./
RUN dotnet restore src/GradRetentionNet.Silo/GradRetentionNet.Silo.csproj -r linux-x64 -p:TorchBackend=cuda \
 && dotnet restore src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj -r linux-x64 -p:TorchBackend=cuda
COPY . .
RUN dotnet publish src/GradRetentionNet.Silo/GradRetentionNet.Silo.csproj --no-restore -c Release -r linux-x64 --self-contained false -p:TorchBackend=cuda -o /app \
 && dotnet publish src/GradRetentionNet.Cli/GradRetentionNet.Cli.csproj --no-restore -c Release -r linux-x64 --self-contained false -p:TorchBackend=cuda -o /app

# The ASP.NET Core runtime, taken whole from Microsoft's image: the CUDA base has no .NET.
FROM ${DOTNET_IMAGE} AS dotnet

FROM ${CUDA_IMAGE}
# What the .NET images add to Ubuntu: ICU (globalization stays on), CA certificates, time zones, and
# the non-root user app (uid/gid 1654). The writable places under a read-only root besides /tmp: the
# shared runs volume and the data volume.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libicu74 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app \
 && useradd --uid 1654 --gid 1654 --create-home --no-log-init app \
 && mkdir -p /runs /data \
 && chown 1654:1654 /runs /data
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
WORKDIR /app
COPY --from=build /app ./
# app; numeric so that Kubernetes' runAsNonRoot can verify it.
USER 1654
# NVIDIA_*: what the NVIDIA container toolkit mounts: every GPU the runtime grants, and the driver
# libraries for CUDA compute plus nvidia-smi. MALLOC_ARENA_MAX=2: jobs train on threads of their own
# and glibc would give each a fresh arena (BENCHMARKS.md, "Memory over 50 jobs").
ENV DOTNET_ROOT=/usr/share/dotnet \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    GRN_Silo__LogFormat=json \
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
LABEL org.opencontainers.image.title="grn-silo-cuda" \
      org.opencontainers.image.description="GradRetentionNet silo (CUDA 12.8): Orleans training slots and the sweep HTTP API" \
      org.opencontainers.image.licenses="MIT"
