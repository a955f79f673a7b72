import swagger from '@fastify/swagger';
import bcrypt from 'bcryptjs';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import {
  createTokenService,
  installAuth,
  officerToPrincipal,
  principalOf,
  type TokenService,
} from '../api/auth.js';
import { installErrorHandler } from '../api/error-handler.js';
import { registerAuthRoutes } from '../api/routes/auth.routes.js';
import type { Database } from '../db/database.js';
import {
  findOfficerByUsername,
  listDivisions,
  listOfficers,
  setOfficerActive,
  upsertOfficer,
  upsertTenant,
} from '../db/organisation.repository.js';
import {
  defaultTenant,
  devPassword,
  devUsers,
  divisions,
  seedOrganisation,
} from '../db/seed/organisation.seed.js';
import { roleLabels } from '../domain/role-labels.js';
import { canWrite, isLeadership, roles } from '../domain/roles.js';
import { connectTestDatabase } from './support/db.js';
import { units } from './support/catalog.js';

const SECRET = 'test-only-secret-0123456789-0123456789';

/** The auth part of the API, built the way `buildApp` builds the whole app, plus two probe routes. */
async function buildAuthApp(db: Database, tokens: TokenService): Promise<AppInstance> {
  const app: AppInstance = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'test', version: '0' },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  const auth = installAuth(app, { tokens, db });
  registerAuthRoutes(app, { db, tokens, auth });
  app.get('/probe/admin', { preHandler: auth.requireRole('admin') }, (request) => ({
    username: principalOf(request).username,
  }));
  app.get(
    '/probe/leadership',
    { preHandler: [auth.authenticate, auth.requireRole('deputy', 'director')] },
    () => ({
      ok: true,
    }),
  );
  await app.ready();
  return app;
}

interface ErrorJson {
  code: string;
  message: string;
  field?: string;
  requestId: string;
}

describe('organisation and authentication', () => {
  const db = connectTestDatabase();
  const tokens = createTokenService({ secret: SECRET });
  let app: AppInstance;

  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
  const me = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/auth/me', headers: authorization ? { authorization } : {} });
  const tokenOf = async (username: string, password = devPassword) =>
    (await login(username, password)).json<{ token: string }>().token;

  beforeAll(async () => {
    await seedOrganisation(db, { devUsers: true, unitCode: units.department });
    app = await buildAuthApp(db, tokens);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  describe('roles', () => {
    it('labels every role in Vietnamese and tells leadership and read-only roles apart', () => {
      expect(Object.keys(roleLabels).sort()).toEqual([...roles].sort());
      expect(roleLabels.head).toBe('Trưởng phòng');
      expect(roles.filter(isLeadership)).toEqual(['deputy', 'director']);
      expect(roles.filter((r) => !canWrite(r))).toEqual(['auditor']);
    });
  });

  describe('seedOrganisation', () => {
    it('is idempotent: a second run changes no id and re-hashes no password', async () => {
      const before = await listOfficers(db, defaultTenant.code);
      const again = await seedOrganisation(db, { devUsers: true, unitCode: units.department });
      const after = await listOfficers(db, defaultTenant.code);

      expect(again).toEqual({
        tenant: 'default',
        divisions: 12,
        officersCreated: 0,
        officersUpdated: devUsers.length,
      });
      const pick = (rows: typeof before) => rows.map((r) => [r.username, r.id, r.password_hash]);
      expect(pick(after)).toEqual(pick(before));
      const tenant = await db
        .selectFrom('tenant')
        .selectAll()
        .where('code', '=', 'default')
        .executeTakeFirstOrThrow();
      expect(tenant.name).toBe('Sở Giáo dục và Đào tạo tỉnh Ninh Bình');
      expect(tenant.unit_code).toBe(units.department);
    });

    it('seeds the twelve divisions of the Sở and the dev users with their divisions', async () => {
      const rows = await listDivisions(db, 'default');
      expect(rows).toHaveLength(divisions.length);
      expect(rows.find((d) => d.code === 'BPMC')).toMatchObject({ name: 'Bộ phận Một cửa', kind: 'desk' });
      expect(rows.find((d) => d.code === 'QLCL')?.name).toBe('Phòng Khảo thí và Quản lý chất lượng giáo dục');
      expect(rows.find((d) => d.code === 'TTRA')?.kind).toBe('inspection');
      expect(rows.find((d) => d.code === 'BGD')?.kind).toBe('leadership');

      const heads = await listOfficers(db, 'default', { role: 'head' });
      expect(heads.map((h) => [h.username, h.division_code])).toEqual([
        ['head', 'QLCL'],
        ['head2', 'GDTRH'],
      ]);
      const admin = await findOfficerByUsername(db, 'admin');
      expect(admin).toMatchObject({ division_code: null, email: 'admin@motcua.local', active: true });
      expect(await bcrypt.compare(devPassword, admin!.password_hash)).toBe(true);
      expect(bcrypt.getRounds(admin!.password_hash)).toBe(10);
    });

    it('seeds only the organisation without dev users', async () => {
      expect(await seedOrganisation(db, { devUsers: false, unitCode: units.department })).toMatchObject({
        officersCreated: 0,
        officersUpdated: 0,
      });
    });

    it('never hands a username of one tenant to another', async () => {
      const other = `other_${Date.now()}`;
      await upsertTenant(db, { code: other, name: 'Sở khác', unit_code: `000.00.${other}` });
      const admin = (await findOfficerByUsername(db, 'admin'))!;
      await expect(
        upsertOfficer(db, {
          ...admin,
          id: undefined,
          created_at: undefined,
          tenant: other,
          division_code: null,
        }),
      ).rejects.toThrow(/another tenant/);
      expect((await findOfficerByUsername(db, 'admin'))?.tenant).toBe('default');
      await db.deleteFrom('tenant').where('code', '=', other).execute();
    });
  });

  describe('POST /auth/login', () => {
    it.each(devUsers.map((u) => [u.username, u] as const))(
      'signs in the dev user %s',
      async (_name, user) => {
        const started = Date.now();
        const res = await login(user.username, devPassword);
        expect(res.statusCode).toBe(200);
        const body = res.json<{ token: string; expiresAt: string; officer: Record<string, unknown> }>();
        expect(body.officer).toEqual({
          username: user.username,
          fullName: user.fullName,
          role: user.role,
          roleLabel: roleLabels[user.role],
          tenant: 'default',
          divisionCode: user.divisionCode,
          receivingUnit: user.receivingUnit,
          access: {
            receive: ['receiver', 'admin'].includes(user.role),
            lateDossiers: ['head', 'deputy', 'director', 'auditor', 'admin'].includes(user.role),
          },
        });
        const ttl = Date.parse(body.expiresAt) - started;
        expect(ttl).toBeGreaterThan(1795_000);
        expect(ttl).toBeLessThanOrEqual(1801_000);
        const principal = await tokens.verify(body.token);
        expect(principal).toMatchObject({
          username: user.username,
          role: user.role,
          divisionCode: user.divisionCode,
        });
      },
    );

    it('answers a wrong password and an unknown user with the same 401 body', async () => {
      const wrong = await login('specialist', 'not-the-password');
      const unknown = await login('nobody-here', devPassword);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = ({ requestId: _, ...rest }: ErrorJson) => rest;
      expect(strip(wrong.json<ErrorJson>())).toEqual({
        code: 'AUTH.INVALID_CREDENTIALS',
        message: 'Tên đăng nhập hoặc mật khẩu không đúng.',
      });
      expect(strip(unknown.json<ErrorJson>())).toEqual(strip(wrong.json<ErrorJson>()));
    });

    it('spends bcrypt time on an unknown user too (no user enumeration by timing)', async () => {
      const median = async (username: string) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          await login(username, 'wrong-password');
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[2]!;
      };
      const known = await median('specialist');
      const unknown = await median('nobody-here');
      expect(unknown).toBeGreaterThan(known * 0.5);
    });

    it.each([
      [{}, 'body.username'],
      [{ username: 'head' }, 'body.password'],
      [{ username: '', password: 'x' }, 'body.username'],
      [{ username: 'x'.repeat(101), password: 'x' }, 'body.username'],
      [{ username: 'head', password: '' }, 'body.password'],
      [{ username: 'head', password: 'p'.repeat(101) }, 'body.password'],
      [{ username: 42, password: 'x' }, 'body.username'],
    ])('rejects %j with 400 naming %s', async (payload, field) => {
      const res = await app.inject({ method: 'POST', url: '/auth/login', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorJson>()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });

    it('rejects a body that is not JSON with 400, not 500', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username":',
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('GET /auth/me', () => {
    it('returns the officer of the token', async () => {
      const res = await me(`Bearer ${await tokenOf('head2')}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        username: 'head2',
        fullName: 'Đặng Văn Khoa',
        role: 'head',
        roleLabel: 'Trưởng phòng',
        tenant: 'default',
        divisionCode: 'GDTRH',
        receivingUnit: null,
        access: { receive: false, lateDossiers: true },
      });
    });

    it.each([undefined, 'Basic aGVhZDptb3RjdWE=', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc'])(
      'answers 401 AUTH.MISSING_TOKEN for the header %j',
      async (header) => {
        const res = await me(header);
        expect(res.statusCode).toBe(401);
        expect(res.json<ErrorJson>().code).toBe('AUTH.MISSING_TOKEN');
        expect(res.json<ErrorJson>().message).toMatch(/đăng nhập/);
        expect(res.headers['www-authenticate']).toBe('Bearer');
      },
    );

    it('accepts the scheme in any case', async () => {
      expect((await me(`bearer ${await tokenOf('auditor')}`)).statusCode).toBe(200);
    });

    it('answers 401 AUTH.INVALID_TOKEN for garbled, forged and foreign tokens', async () => {
      const good = await tokenOf('specialist');
      const [header, payload, signature] = good.split('.') as [string, string, string];
      const tamperedClaims = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
      ).toString('base64url');
      const officer = (await findOfficerByUsername(db, 'specialist'))!;
      const principal = officerToPrincipal(officer);
      const key = new TextEncoder().encode(SECRET);
      const candidates = [
        'abc.def.ghi',
        'not-a-jwt',
        `${header}.${tamperedClaims}.${signature}`,
        (await createTokenService({ secret: `${SECRET}-other` }).sign(principal)).token,
        (await createTokenService({ secret: SECRET, issuer: 'someone-else' }).sign(principal)).token,
        (await tokens.sign({ ...principal, officerId: '00000000-0000-4000-8000-000000000000' })).token,
        (await tokens.sign({ ...principal, tenant: 'elsewhere' })).token,
        await new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('mot-cua')
          .setSubject('not-a-uuid')
          .setExpirationTime('10m')
          .sign(key),
        await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setIssuer('mot-cua').sign(key),
      ];
      for (const token of candidates) {
        const res = await me(`Bearer ${token}`);
        expect({ token, status: res.statusCode, code: res.json<ErrorJson>().code }).toEqual({
          token,
          status: 401,
          code: 'AUTH.INVALID_TOKEN',
        });
      }
    });

    it('answers 401 AUTH.TOKEN_EXPIRED for an expired token', async () => {
      const officer = (await findOfficerByUsername(db, 'receiver'))!;
      const anHourAgo = createTokenService({ secret: SECRET, now: () => new Date(Date.now() - 3_600_000) });
      const { token, expiresAt } = await anHourAgo.sign(officerToPrincipal(officer));
      expect(expiresAt.getTime()).toBeLessThan(Date.now());
      const res = await me(`Bearer ${token}`);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorJson>()).toMatchObject({
        code: 'AUTH.TOKEN_EXPIRED',
        message: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
      });
    });
  });

  describe('a deactivated officer', () => {
    const username = `temp_${Date.now()}`;
    const password = 'mật-khẩu-tạm';
    let id: string;

    beforeAll(async () => {
      const row = await upsertOfficer(db, {
        tenant: 'default',
        username,
        full_name: 'Ngô Thị Tạm',
        email: `${username}@motcua.local`,
        role: 'specialist',
        division_code: 'GDMN',
        password_hash: await bcrypt.hash(password, 4),
      });
      id = row.id;
    });
    afterAll(() => db.deleteFrom('officer').where('id', '=', id).execute());

    it('loses access at once: its live token and its password stop working', async () => {
      const token = await tokenOf(username, password);
      expect((await me(`Bearer ${token}`)).statusCode).toBe(200);

      expect(await setOfficerActive(db, id, false)).toBe(true);
      const res = await me(`Bearer ${token}`);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorJson>().code).toBe('AUTH.ACCOUNT_DISABLED');

      const relogin = await login(username, password);
      expect(relogin.statusCode).toBe(401);
      expect(relogin.json<ErrorJson>().code).toBe('AUTH.ACCOUNT_DISABLED');
      // Someone without the password learns nothing about the account's state.
      expect((await login(username, 'wrong')).json<ErrorJson>().code).toBe('AUTH.INVALID_CREDENTIALS');

      await setOfficerActive(db, id, true);
      expect((await me(`Bearer ${token}`)).statusCode).toBe(200);
    });

    it('gets the role it has now, not the one in its token', async () => {
      const token = await tokenOf(username, password);
      expect(
        (await app.inject({ url: '/probe/admin', headers: { authorization: `Bearer ${token}` } })).statusCode,
      ).toBe(403);
      await db.updateTable('officer').set({ role: 'admin' }).where('id', '=', id).execute();
      expect(
        (await app.inject({ url: '/probe/admin', headers: { authorization: `Bearer ${token}` } })).statusCode,
      ).toBe(200);
    });
  });

  describe('requireRole', () => {
    const probe = async (url: string, username?: string) => {
      const headers = username ? { authorization: `Bearer ${await tokenOf(username)}` } : {};
      const res = await app.inject({ url, headers });
      return {
        status: res.statusCode,
        code: res.statusCode === 200 ? undefined : res.json<ErrorJson>().code,
      };
    };

    it('lets the allowed roles through and answers 403 AUTH.FORBIDDEN_ROLE to the others', async () => {
      expect(await probe('/probe/admin', 'admin')).toEqual({ status: 200, code: undefined });
      expect(await probe('/probe/admin', 'specialist')).toEqual({ status: 403, code: 'AUTH.FORBIDDEN_ROLE' });
      expect(await probe('/probe/admin', 'director')).toEqual({ status: 403, code: 'AUTH.FORBIDDEN_ROLE' });
      expect(await probe('/probe/admin')).toEqual({ status: 401, code: 'AUTH.MISSING_TOKEN' });
      expect(await probe('/probe/leadership', 'deputy')).toEqual({ status: 200, code: undefined });
      expect(await probe('/probe/leadership', 'director')).toEqual({ status: 200, code: undefined });
      expect(await probe('/probe/leadership', 'head')).toEqual({ status: 403, code: 'AUTH.FORBIDDEN_ROLE' });
    });
  });

  describe('OpenAPI', () => {
    it('documents login and the bearer-protected current-officer route', () => {
      const doc = app.swagger() as {
        paths: Record<string, Record<string, { operationId?: string; security?: unknown }>>;
      };
      expect(doc.paths['/auth/login']?.post?.operationId).toBe('login');
      expect(doc.paths['/auth/me']?.get).toMatchObject({
        operationId: 'getCurrentOfficer',
        security: [{ bearerAuth: [] }],
      });
    });
  });
});
