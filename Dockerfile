# One image per function: docker build --build-arg FUNCTION=compose-model-deployment -t <image> .
# The build stage bundles the function into one self-contained file; the runtime stage is
# distroless Node.js, non-root, with nothing but that file.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN node scripts/build.mjs

FROM gcr.io/distroless/nodejs${NODE_VERSION}-debian12:nonroot
ARG FUNCTION
COPY --from=build /src/dist/${FUNCTION}.js /function/main.js
# Crossplane mounts the mTLS certificates here and sets TLS_SERVER_CERTS_DIR to this directory.
ENV TLS_SERVER_CERTS_DIR=/tls/server
# Memory given back after a burst of fleet-scale calls (npm run bench -- load reads these lines).
# glibc serves a block of 128 KiB or more (a request's bytes) from its own mapping, returned when
# freed: by default it raises that threshold to the largest block freed, and the 1.5 MiB requests
# of a burst then stay in the heap as free but resident memory. A young generation of 2 × 8 MiB
# semi-spaces instead of 2 × 16 MiB: V8 does not shrink it after a burst.
ENV MALLOC_MMAP_THRESHOLD_=131072
ENV NODE_OPTIONS=--max-semi-space-size=8
EXPOSE 9443
USER nonroot:nonroot
ENTRYPOINT ["/nodejs/bin/node", "/function/main.js"]
