# syntax=docker/dockerfile:1
# Atrium's image. Targets:
#   runtime (default)  one node, no LiteFS: `docker run -v atrium-data:/data -p 3000:3000 atrium`
#   litefs             LiteFS mounts /litefs as root, then runs the app as the `atrium` user
#                      (litefs.yml / deploy/litefs.static.yml), as fly.toml and docker-compose.yml do.
# See docs/deploy.md.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NODE_ENV=production

# Everything needed to build: dev dependencies, and compilers for better-sqlite3
# when its prebuilt binary cannot be fetched.
FROM base AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --include=dev

FROM deps AS build
COPY . .
RUN npm run build

# Runtime dependencies only. tsx is a runtime dependency: migrations, seed,
# backup/restore and the Litestream launcher are TypeScript scripts in db/.
FROM deps AS prod-deps
RUN npm ci --omit=dev

FROM base AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates sqlite3 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system atrium && useradd --system --gid atrium --home /app atrium \
    && mkdir -p /data && chown atrium:atrium /data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY package.json package-lock.json tsconfig.json litestream.yml ./
COPY app ./app
COPY db ./db
ENV PORT=3000 \
    DATABASE_URL=/data/atrium.db \
    UPLOADS_DIR=/data/uploads \
    ATRIUM_DEMO=0
USER atrium
EXPOSE 3000
VOLUME /data
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrate, then serve. (npm start would also build and seed demo data.)
CMD ["sh", "-c", "node_modules/.bin/tsx db/migrate.ts && exec node build/index.js"]

FROM runtime AS litefs
USER root
RUN apt-get update && apt-get install -y --no-install-recommends fuse3 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /litefs /data/litefs && chown atrium:atrium /data
COPY --from=flyio/litefs:0.5 /usr/local/bin/litefs /usr/local/bin/litefs
COPY litefs.yml /etc/litefs.yml
COPY deploy/litefs.static.yml /etc/litefs.static.yml
ENV DATABASE_URL=/litefs/atrium.db
# LiteFS needs root for FUSE; its exec section drops to `atrium` for the app.
ENTRYPOINT ["litefs", "mount"]
CMD []
