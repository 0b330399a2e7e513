/*
 * json_get: paths into objects and arrays, string unescaping, scalars as
 * text, and -1 for anything that is not one valid document with a scalar
 * at the path. The output buffer is never overrun.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* json_get on a NUL-terminated document, into a 256-byte buffer. */
static int
get(const char *doc, const char *path, char out[256])
{
	memset(out, 'X', 256);
	return json_get(doc, strlen(doc), path, out, 256);
}

/* The path's value must be want. */
static void
is(const char *doc, const char *path, const char *want)
{
	char out[256];
	int rc = get(doc, path, out);

	ck_assert_msg(rc == 0, "%s in %s: -1, want \"%s\"", path, doc, want);
	ck_assert_msg(strcmp(out, want) == 0, "%s in %s: \"%s\", want \"%s\"", path, doc,
	    out, want);
}

/* The path must give -1. */
static void
fails(const char *doc, const char *path)
{
	char out[256];
	int rc = get(doc, path, out);

	ck_assert_msg(rc == -1, "%s in %s: %d (\"%.*s\"), want -1", path, doc, rc, 200, out);
}

#define CF "{\"result\":[{\"id\":\"z1\",\"name\":\"example.com\",\"content\":\"1.2.3.4\"}," \
	"{\"id\":\"z2\",\"content\":\"5.6.7.8\",\"meta\":{\"a\":{\"b\":[10,[20,21]]}}}]," \
	"\"success\":true,\"errors\":[],\"messages\":[],\"result_info\":{\"page\":1," \
	"\"count\":2}}"

START_TEST(paths_into_objects_and_arrays)
{
	is(CF, "success", "true");
	is(CF, "result.0.id", "z1");
	is(CF, "result.0.content", "1.2.3.4");
	is(CF, "result.1.id", "z2");
	is(CF, "result.1.content", "5.6.7.8");
	is(CF, "result.1.meta.a.b.0", "10");
	is(CF, "result.1.meta.a.b.1.1", "21");
	is(CF, "result_info.count", "2");
	is("[\"a\",[\"b\",\"c\"]]", "1.0", "b");
	is("[{\"id\":7}]", "0.id", "7");
	is("\"top\"", "", "top");
	is("42", "", "42");
	/* only the path given: a deeper key of the same name is not it */
	is("{\"a\":{\"id\":1},\"id\":2}", "id", "2");
	is("{\"a\":{\"id\":1},\"id\":2}", "a.id", "1");
	/* whitespace anywhere between tokens */
	is(" \n{ \"a\" :\t[ 1 , { \"b\" : \"c\" } ] }\r\n ", "a.1.b", "c");
}
END_TEST

START_TEST(missing_paths)
{
	fails(CF, "nosuch");
	fails(CF, "result.2.id");
	fails(CF, "result.0.nosuch");
	fails(CF, "result.x");
	fails(CF, "result.-1.id");
	fails(CF, "result.01.id");
	fails(CF, "Success");
	fails(CF, "success.x");		/* below a scalar */
	fails(CF, "result.0.id.x");	/* below a string */
	fails(CF, "errors.0");		/* empty array */
	fails("{}", "a");
	fails("[]", "0");
	fails("{\"a\":1}", "");		/* the document itself is an object */
	/* a key that only starts like the path segment */
	fails("{\"ab\":1}", "a");
	fails("{\"a\":1}", "ab");
}
END_TEST

START_TEST(objects_and_arrays_are_not_values)
{
	fails(CF, "result");
	fails(CF, "result.0");
	fails(CF, "result_info");
	fails(CF, "errors");
	fails(CF, "result.1.meta.a.b.1");
	fails("{\"a\":{}}", "a");
	fails("{\"a\":[]}", "a");
}
END_TEST

START_TEST(string_escapes)
{
	is("{\"s\":\"a\\nb\"}", "s", "a\nb");
	is("{\"s\":\"q\\\"q\"}", "s", "q\"q");
	is("{\"s\":\"b\\\\s\"}", "s", "b\\s");
	is("{\"s\":\"\\/\\t\\r\\b\\f\"}", "s", "/\t\r\b\f");
	is("{\"s\":\"\\u0041\\u0062c\"}", "s", "Abc");
	is("{\"s\":\"\\u004A\\u004a\"}", "s", "JJ");
	is("{\"s\":\"caf\\u00e9\"}", "s", "caf?");
	is("{\"s\":\"\\u20ac\"}", "s", "?");
	is("{\"s\":\"\\u0000\"}", "s", "?");
	/* raw UTF-8 bytes: each non-ASCII byte is '?' */
	is("{\"s\":\"caf\xc3\xa9\"}", "s", "caf??");
	is("{\"s\":\"\"}", "s", "");
	/* escapes in keys count as their characters */
	is("{\"\\u0069d\":\"x\"}", "id", "x");
	is("{\"a\\\"b\":1,\"a\":2}", "a", "2");
	/* a wanted key after a string holding a quote and braces */
	is("{\"x\":\"}\\\"{[\",\"y\":\"ok\"}", "y", "ok");
}
END_TEST

START_TEST(scalars_as_text)
{
	is("{\"a\":true}", "a", "true");
	is("{\"a\":false}", "a", "false");
	is("{\"a\":null}", "a", "null");
	is("{\"a\":0}", "a", "0");
	is("{\"a\":-12.5e+3}", "a", "-12.5e+3");
	is("{\"a\":1E-2}", "a", "1E-2");
	is("[1,2,3]", "2", "3");
	is("{\"a\":7 }", "a", "7");
}
END_TEST

START_TEST(invalid_documents)
{
	static const char *const bad[] = {
		"",
		"   ",
		"{",
		"{\"a\":1,}",			/* trailing comma */
		"[1,2,]",
		"{,\"a\":1}",
		"{\"a\" 1}",
		"{\"a\":}",
		"{\"a\":1 \"b\":2}",
		"{a:1}",
		"{'a':1}",
		"{\"a\":\"unterminated}",
		"{\"a\":\"unterminated",
		"{\"a\":\"ctrl\nchar\"}",	/* raw control character */
		"{\"a\":\"tab\tchar\"}",
		"{\"a\":\"bad \\x escape\"}",
		"{\"a\":\"short \\u12\"}",
		"{\"a\":\"short \\u12G4\"}",
		"{\"a\":\"ends in \\",
		"{\"a\":1}}",			/* garbage after the document */
		"{\"a\":1} x",
		"{\"a\":1}{}",
		"[1] [2]",
		"[1,2",
		"{\"a\":[1,2}",
		"{\"a\":{\"b\":1]}",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char doc[128];

		fails(bad[i], "a");
		/* the same when the path is elsewhere or absent */
		snprintf(doc, sizeof(doc), "%s", bad[i]);
		fails(doc, "");
		fails(doc, "b");
	}
}
END_TEST

/* A valid value is not enough: the document around it must be valid too. */
START_TEST(invalid_after_the_value)
{
	fails("{\"a\":1,\"b\":}", "a");
	fails("{\"a\":\"x\",\"b\":[1,}", "a");
	fails("{\"a\":\"x\"} trailing", "a");
	fails("[\"x\",", "0");
}
END_TEST

/* Literals that are not JSON: true, false and null are spelled exactly. */
START_TEST(invalid_literals)
{
	/* regression: scalar() once took any run of letters, digits and "+-." */
	fails("{\"a\":tru}", "a");
	fails("{\"a\":True}", "a");
	fails("{\"a\":nul}", "a");
	fails("{\"a\":yes}", "a");
	fails("{\"a\":1x}", "a");
	fails("{\"a\":--1}", "a");
	fails("{\"a\":tru,\"b\":1}", "b");
}
END_TEST

/* Path keys are compared whole, even past the parser's key buffer. */
START_TEST(long_keys_match_whole)
{
	char doc[600], key[300], prefix[200];

	memset(key, 'k', 200);
	key[200] = '\0';
	snprintf(prefix, sizeof(prefix), "%.127s", key);
	snprintf(doc, sizeof(doc), "{\"%s\":\"long\",\"k\":\"short\"}", key);
	is(doc, "k", "short");
	/* regression: keys were once cut at 127 characters and matched by prefix */
	fails(doc, prefix);
	is(doc, key, "long");
}
END_TEST

static char *
nested(int depth, const char *inner)
{
	size_t n = strlen(inner);
	char *s = malloc((size_t)depth * 2 + n + 1);

	for (int i = 0; i < depth; i++) {
		s[i] = '[';
		s[depth + n + i] = ']';
	}
	memcpy(s + depth, inner, n);
	s[2 * depth + n] = '\0';
	return s;
}

START_TEST(nesting_depth)
{
	char path[128] = "";
	char *s;

	/* 10 levels, value at 0.0.0... */
	for (int i = 0; i < 10; i++)
		strcat(path, i ? ".0" : "0");
	s = nested(10, "\"deep\"");
	is(s, path, "deep");
	free(s);
	/* 40 levels is too deep, wherever the path points */
	s = nested(40, "1");
	fails(s, "0");
	fails(s, "");
	free(s);
	s = nested(40, "");
	fails(s, "0");
	free(s);
	/* so is an unbalanced document of 100000 '[' (no stack overflow) */
	s = malloc(100001);
	memset(s, '[', 100000);
	s[100000] = '\0';
	fails(s, "0");
	free(s);
	{
		char objs[4096] = "";

		for (int i = 0; i < 40; i++)
			strcat(objs, "{\"a\":");
		strcat(objs, "1");
		for (int i = 0; i < 40; i++)
			strcat(objs, "}");
		fails(objs, "a");
	}
}
END_TEST

START_TEST(one_megabyte_array)
{
	size_t cap = 1200000, n = 0;
	char *doc = malloc(cap), out[64];
	int count = 0;

	n += (size_t)snprintf(doc + n, cap - n, "{\"result\":[");
	while (n < 1024 * 1024) {
		n += (size_t)snprintf(doc + n, cap - n, "%s{\"id\":\"r%d\",\"v\":[%d,true,null]}",
		    count ? "," : "", count, count);
		count++;
	}
	n += (size_t)snprintf(doc + n, cap - n, "],\"success\":true}");
	ck_assert_int_eq(json_get(doc, n, "success", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "true");
	{
		char path[64], want[32];

		snprintf(path, sizeof(path), "result.%d.id", count - 1);
		snprintf(want, sizeof(want), "r%d", count - 1);
		ck_assert_int_eq(json_get(doc, n, path, out, sizeof(out)), 0);
		ck_assert_str_eq(out, want);
		snprintf(path, sizeof(path), "result.%d.v.0", count / 2);
		snprintf(want, sizeof(want), "%d", count / 2);
		ck_assert_int_eq(json_get(doc, n, path, out, sizeof(out)), 0);
		ck_assert_str_eq(out, want);
		snprintf(path, sizeof(path), "result.%d.id", count);
		ck_assert_int_eq(json_get(doc, n, path, out, sizeof(out)), -1);
	}
	/* cut short by one byte: invalid */
	ck_assert_int_eq(json_get(doc, n - 1, "success", out, sizeof(out)), -1);
	free(doc);
}
END_TEST

/* The length given is the document: a NUL or bytes past it do not count. */
START_TEST(length_is_respected)
{
	const char *doc = "{\"a\":\"xyz\"}GARBAGE";
	char out[16];

	ck_assert_int_eq(json_get(doc, 11, "a", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "xyz");
	ck_assert_int_eq(json_get(doc, 10, "a", out, sizeof(out)), -1);
	ck_assert_int_eq(json_get(doc, strlen(doc), "a", out, sizeof(out)), -1);
	ck_assert_int_eq(json_get("{\"a\":\"x\0y\"}", 11, "a", out, sizeof(out)), -1);
	ck_assert_int_eq(json_get("{\"a\":1}", 0, "a", out, sizeof(out)), -1);
	/* a number at the very end of the buffer, not NUL-terminated */
	{
		char num[2] = { '4', '2' };

		ck_assert_int_eq(json_get(num, 2, "", out, sizeof(out)), 0);
		ck_assert_str_eq(out, "42");
	}
}
END_TEST

/* Truncation to outlen - 1 characters, always NUL-terminated, never past outlen. */
START_TEST(small_out_buffer)
{
	static const char *const docs[] = {
		"{\"a\":\"abcdefghij\"}",
		"{\"a\":\"\\u0041\\n\\u00e9cdefghij\"}",
		"{\"a\":1234567890}",
		"{\"a\":false}",
	};
	static const char *const full[] = { "abcdefghij", "A\n?cdefghij", "1234567890",
	    "false" };

	for (size_t d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
		for (size_t len = 1; len <= 14; len++) {
			char buf[32];
			size_t want = strlen(full[d]) < len - 1 ? strlen(full[d]) : len - 1;

			memset(buf, '#', sizeof(buf));
			ck_assert_int_eq(json_get(docs[d], strlen(docs[d]), "a", buf + 8, len), 0);
			ck_assert_uint_eq(strlen(buf + 8), want);
			ck_assert_int_eq(strncmp(buf + 8, full[d], want), 0);
			for (size_t i = 0; i < 8; i++)
				ck_assert_int_eq(buf[i], '#');
			for (size_t i = 8 + len; i < sizeof(buf); i++)
				ck_assert_msg(buf[i] == '#', "doc %zu, outlen %zu: byte %zu written",
				    d, len, i - 8);
		}
	}
	/* outlen 0 writes nothing and fails */
	{
		char c = '#';

		ck_assert_int_eq(json_get("{\"a\":1}", 7, "a", &c, 0), -1);
		ck_assert_int_eq(c, '#');
	}
}
END_TEST

/* Keys longer than the parser's key buffer are skipped safely. */
START_TEST(long_keys_and_values)
{
	size_t n = 100000;
	char *doc = malloc(2 * n + 64), out[8];

	memset(doc, 0, 2 * n + 64);
	strcpy(doc, "{\"");
	memset(doc + 2, 'k', n);
	strcat(doc, "\":\"");
	memset(doc + strlen(doc), 'v', n);
	strcat(doc, "\",\"id\":\"ok\"}");
	ck_assert_int_eq(json_get(doc, strlen(doc), "id", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "ok");
	free(doc);
}
END_TEST

#define ZONES "{\"data\":[{\"id\":11,\"domain\":\"example.org\"},{\"id\":12," \
	"\"domain\":\"Example.COM\",\"ttl\":300},{\"id\":13,\"domain\":\"example.com\"}]}"
#define RECS "[{\"id\":\"r1\",\"name\":\"home\",\"type\":\"AAAA\"},{\"id\":\"r2\"," \
	"\"name\":\"\",\"type\":\"A\"},{\"id\":\"r3\",\"name\":\"home\",\"type\":\"A\"," \
	"\"content\":\"1.2.3.4\"}]"

/* "[name=value&...]" picks the first array element whose members match. */
START_TEST(select_by_member)
{
	is(ZONES, "data.[domain=example.com].id", "12");	/* case aside, the first */
	is(ZONES, "data.[domain=example.org].id", "11");
	is(ZONES, "data.[id=13].domain", "example.com");
	is(ZONES, "data.[domain=example.com&ttl=300].id", "12");
	is(RECS, "[name=home&type=A].id", "r3");
	is(RECS, "[name=home&type=A].content", "1.2.3.4");
	is(RECS, "[name=home&type=AAAA].id", "r1");
	is(RECS, "[name=&type=A].id", "r2");		/* an empty value: the apex */
	fails(ZONES, "data.[domain=example.net].id");
	fails(ZONES, "data.[domain=example.com&ttl=60].id");
	fails(RECS, "[name=home&type=A].missing");
	fails(RECS, "[name=home&type=A]");			/* an object, not a value */
	fails(RECS, "[name=home&type=A");			/* no closing bracket */
	fails(RECS, "[name].id");				/* no value to compare */
	fails(ZONES, "[domain=example.com].id");		/* an object, not an array */
	fails("[{\"name\":\"home\"},{\"name\":}]", "[name=home].name");	/* invalid later */
	fails("[{\"name\":\"home\",\"id\":[1]}]", "[name=home].id");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json_get");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, paths_into_objects_and_arrays);
	tcase_add_test(tc, missing_paths);
	tcase_add_test(tc, objects_and_arrays_are_not_values);
	tcase_add_test(tc, string_escapes);
	tcase_add_test(tc, scalars_as_text);
	tcase_add_test(tc, invalid_documents);
	tcase_add_test(tc, invalid_after_the_value);
	tcase_add_test(tc, invalid_literals);
	tcase_add_test(tc, long_keys_match_whole);
	tcase_add_test(tc, nesting_depth);
	tcase_add_test(tc, one_megabyte_array);
	tcase_add_test(tc, length_is_respected);
	tcase_add_test(tc, small_out_buffer);
	tcase_add_test(tc, long_keys_and_values);
	tcase_add_test(tc, select_by_member);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
