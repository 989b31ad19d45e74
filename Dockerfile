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
EXPOSE 9443
USER nonroot:nonroot
ENTRYPOINT ["/nodejs/bin/node", "/function/main.js"]
