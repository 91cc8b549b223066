# ColorPix in a container: `docker compose up` (docker-compose.yml) runs it with PostgreSQL and MinIO.
# Not built in this project's CI (its machines have no Docker engine).
# .NET 10's default images have a libstdc++ new enough for TorchSharp's native library, so the build's Debian 12
# step (build/TorchRuntime.targets) finds nothing to do here; libtorch and Skia come from NuGet, no apt packages.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish ColorPix.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the compose health check (GET /health/ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /colorpix
COPY --from=build /app /app
# The clone's layout (ColorPix.sln marks the root): settings, shipped models, dataset manifests.
COPY ColorPix.sln appsettings.json ./
COPY checkpoints/autoencoder checkpoints/autoencoder
COPY checkpoints/pix2pix checkpoints/pix2pix
VOLUME ["/colorpix/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/colorpix.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
