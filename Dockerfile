# syntax=docker/dockerfile:1
#
# One image, two commands:
#   API (default):  node dist/api/main.js
#   worker:         node dist/worker/main.js
# Debian slim (glibc), not Alpine: the Temporal worker's native core-bridge ships glibc builds only.
# Node 20 to match package.json "engines"; pin a digest (node:20-bookworm-slim@sha256:...) for releases.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript to dist/ and bundle the workflow code once, ahead of time
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# `build` = tsc -p tsconfig.build.json; `bundle:workflows` writes dist/workflow-bundle.js, which the worker
# loads (WORKFLOW_BUNDLE_PATH) instead of bundling workflows/ with webpack at every start
# (temporalio/samples-typescript production sample).
RUN npm run build && npm run bundle:workflows

# ---- the officer console (web/, its own package.json): a static build served by the API at /
FROM ${NODE_IMAGE} AS web
WORKDIR /app/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
# The console bundles a few pure files of domain/ (labels shared with the API and the forms).
COPY domain/ /app/domain/
# `bundle` (vite build) only: `build` first generates the API types from the API's sources, which this
# stage does not have; vite does not type-check, and `make test` type-checks the console against them.
RUN npm run bundle

# ---- production dependencies only
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
# Owned by root and only readable by the `node` user the processes run as: the code cannot be modified at runtime.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# api/routes/web.routes.ts serves web/dist (under the working directory) at / and the console's routes.
COPY --from=web /app/web/dist ./web/dist
# package.json carries "type": "module", which Node needs to load dist/**/*.js as ES modules.
COPY package.json ./
# The result-file volume is mounted here; a fresh named volume takes this folder's owner.
RUN mkdir -p /app/data/files /app/data/archive && chown -R node:node /app/data
USER node
EXPOSE 3000
# For the API only (docker-compose.yml disables it on the worker). /health answers 503 while PostgreSQL,
# Temporal or SMTP is unreachable, and Node 20 has fetch built in, so no curl is needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/main.js"]
