# ColorPix in a container: `docker compose up` (docker-compose.yml) runs it with PostgreSQL and MinIO.
# Not built in this project's CI (its machines have no Docker engine); the steps are those of scripts/setup.sh.

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libtorch-dev libopenblas0-openmp libopencv-core-dev libopencv-imgcodecs-dev libopencv-imgproc-dev cmake g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Building ColorPix.Web builds native/ with CMake and places libcolorpix_native.so beside the assemblies.
RUN dotnet publish ColorPix.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim
# Runtime libraries only: libtorch, OpenBLAS with OpenMP (10x faster than the reference BLAS), OpenCV codecs.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libtorch1.13 libopenblas0-openmp libopencv-core406 libopencv-imgcodecs406 libopencv-imgproc406 \
 && rm -rf /var/lib/apt/lists/*
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
