/* Command line: options (and ddclient's spellings of them), then one run. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "ddclient.h"
#include "detect.h"
#include "hooks.h"
#include "http.h"
#include "log.h"
#include "proto.h"
#include "run.h"

#define DEFAULT_CONFIG "/etc/nicupdate.conf"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: nicupdate [-c FILE] [-p PROFILE]... [-n] [-f] [-q|-v|-d] [--ip ADDR]\n"
	    "                 [--json] [--syslog]\n"
	    "       nicupdate --query | --check-config | --status\n"
	    "       nicupdate --list-protocols | --list-web\n"
	    "       nicupdate --import-ddclient FILE | [-c FILE] --import-ddclient-cache FILE\n"
	    "       nicupdate --version | --help\n"
	    "\n"
	    "  -c, --config FILE   config file (default " DEFAULT_CONFIG ")\n"
	    "  -p, --profile NAME  only this profile (repeatable)\n"
	    "      --host H1,H2    only these hosts\n"
	    "  -n, --dry-run       detect and decide, print the requests; send nothing\n"
	    "  -f, --force         update even if unchanged, early or locked out\n"
	    "  -q, --quiet         print nothing but errors\n"
	    "  -v, --verbose       say what is decided and why\n"
	    "  -d, --debug         also show HTTP exchanges (secrets masked)\n"
	    "      --ip ADDR       use ADDR (IPv4 or IPv6) instead of detecting\n"
	    "      --json          print the run report as one JSON object\n"
	    "      --syslog        also log to syslog\n"
	    "      --cache FILE    state file (default: the config's cache)\n"
	    "      --query         print what every address source answers\n"
	    "      --check-config  validate the config and print it normalized\n"
	    "      --status        print the state file as a table\n"
	    "      --list-web      print the built-in address endpoints\n"
	    "      --list-protocols  print the protocols and their servers\n"
	    "      --import-ddclient FILE  print the INI equivalent of a ddclient.conf\n"
	    "      --import-ddclient-cache FILE  seed the state from ddclient's cache\n"
	    "\n"
	    "protocols: %s\n"
	    "\n"
	    "exit status (see nicupdate(1)):\n"
	    "  0   every selected host is up to date, or waits as planned\n"
	    "  64  bad command line\n"
	    "  65  a provider rejected a host, or it is locked after that\n"
	    "  70  internal error\n"
	    "  74  the state file cannot be read or written\n"
	    "  75  try later: network, timeout, 5xx, no address, stopped by a signal\n"
	    "  77  the provider refused the login, or it is locked after that\n"
	    "  78  configuration error\n", proto_names());
}

enum {
	OPT_IP = 256, OPT_QUERY, OPT_CHECK, OPT_STATUS, OPT_VERSION, OPT_CACHE, OPT_HOST,
	OPT_DAEMON, OPT_FOREGROUND, OPT_NOQUIET, OPT_LISTWEB, OPT_LISTPROTO, OPT_JSON,
	OPT_SYSLOG, OPT_IMPORT, OPT_IMPORT_CACHE,
};

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "file", required_argument, NULL, 'c' },
	{ "profile", required_argument, NULL, 'p' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "force", no_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "ip", required_argument, NULL, OPT_IP },
	{ "query", no_argument, NULL, OPT_QUERY },
	{ "check-config", no_argument, NULL, OPT_CHECK },
	{ "status", no_argument, NULL, OPT_STATUS },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "cache", required_argument, NULL, OPT_CACHE },
	{ "host", required_argument, NULL, OPT_HOST },
	{ "daemon", required_argument, NULL, OPT_DAEMON },
	{ "foreground", no_argument, NULL, OPT_FOREGROUND },
	{ "noquiet", no_argument, NULL, OPT_NOQUIET },
	{ "list-web", no_argument, NULL, OPT_LISTWEB },
	{ "list-web-services", no_argument, NULL, OPT_LISTWEB },
	{ "list-protocols", no_argument, NULL, OPT_LISTPROTO },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "syslog", no_argument, NULL, OPT_SYSLOG },
	{ "import-ddclient", required_argument, NULL, OPT_IMPORT },
	{ "import-ddclient-cache", required_argument, NULL, OPT_IMPORT_CACHE },
	{ NULL, 0, NULL, 0 },
};

/* The exit status of each outcome of run.h (nicupdate(1), EXIT STATUS). */
static int
exit_status(int outcome)
{
	static const int status[] = {
		[EX_DONE] = 0, [EX_TEMP] = 75, [EX_STATE] = 74, [EX_REJECTED] = 65,
		[EX_AUTH] = 77, [EX_INTERNAL] = 70, [EX_BADCMD] = 64, [EX_CONFIG] = 78,
	};

	return status[outcome];
}

/*
 * A closed stdin, stdout or stderr is reopened on /dev/null, so that no log
 * line lands in a file opened later; a broken pipe is a failed write, not
 * death before the state is written (libcurl needs SIGPIPE ignored too).
 */
static void
guard_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && open("/dev/null", O_RDWR) != fd)
			_exit(70);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * SIGTERM, SIGINT and SIGHUP stop an update run gently (nicupdate(1),
 * SIGNALS); a second one acts at once (SA_RESETHAND), which is safe: the
 * state file is replaced by rename and the lock is released by the kernel.
 * SA_RESTART keeps other system calls out of EINTR: poll() and nanosleep()
 * are never restarted, and the send loop looks at run_stop every 100 ms.
 */
static void
catch_stop_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = run_on_signal;
	sa.sa_flags = SA_RESETHAND | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* --json: the report that collects the run's error messages. */
static struct report *json_report;

static void
report_error_line(const char *line)
{
	report_error(json_report, line);
}

/* The modes of a run other than an update; at most one per command line. */
enum mode { DO_UPDATE, DO_QUERY, DO_CHECK, DO_STATUS, DO_IMPORT_CACHE };

static int
set_mode(enum mode *what, enum mode m)
{
	static const char *const name[] = { "", "--query", "--check-config", "--status",
	    "--import-ddclient-cache" };

	if (*what != DO_UPDATE && *what != m) {
		log_error("%s and %s cannot be used together", name[*what], name[m]);
		return -1;
	}
	*what = m;
	return 0;
}

/*
 * The option getopt refused in args[at] (ch '?': unknown, ':': no argument),
 * named as the user wrote it in argv[at], on one line.
 */
static void
bad_option(char **argv, char **args, int at, int ch)
{
	const char *typed = argv[at];
	char name[3] = { '-', (char)optopt, '\0' };
	int matches = 0;

	if (strncmp(args[at], "--", 2) == 0) {
		size_t n = strcspn(args[at] + 2, "=");

		for (const struct option *o = longopts; o->name; o++)
			matches += strncmp(o->name, args[at] + 2, n) == 0;
		log_error("%s option \"%s\"; see nicupdate --help", ch == ':' ?
		    "missing argument of" : matches > 1 ? "ambiguous" : "unknown", typed);
	} else if (strcmp(name, typed) == 0) {
		log_error("%s option \"%s\"; see nicupdate --help", ch == ':' ?
		    "missing argument of" : "unknown", name);
	} else {
		log_error("%s option \"%s\" in \"%s\"; see nicupdate --help", ch == ':' ?
		    "missing argument of" : "unknown", name, typed);
	}
}

/* --import-ddclient: print the INI equivalent of a ddclient.conf. */
static int
import_ddclient(const char *path)
{
	char *text = read_file(path), *ini;
	struct config c;
	int rc;

	if (text == NULL) {
		log_error("%s: %s", path, errno == EFBIG ? "larger than 64 MiB: not a "
		    "ddclient.conf" : strerror(errno));
		return EX_CONFIG;
	}
	ini = ddclient_translate(path, text);
	free(text);
	if (ini == NULL)
		return EX_CONFIG;
	fputs(ini, stdout);
	/* say so now if the result will not load, rather than at the first run */
	rc = config_load_string(&c, "(converted)", ini) == 0 ? EX_DONE : EX_CONFIG;
	if (rc != EX_DONE)
		log_error("%s: the converted config needs the changes above", path);
	config_free(&c);
	free(ini);
	return rc;
}

/* ddclient writes long options with one dash: "-file x", "-daemon=0". */
static char **
ddclient_spellings(int argc, char **argv)
{
	char **out = xcalloc((size_t)argc + 1, sizeof(*out));

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		out[i] = argv[i];
		if (i == 0 || a[0] != '-' || a[1] == '-' || strlen(a) < 3)
			continue;
		if (strcmp(a, "--") == 0)
			break;
		for (const struct option *o = longopts; o->name; o++) {
			size_t n = strlen(o->name);

			if (strncmp(a + 1, o->name, n) == 0 && (a[n + 1] == '\0' || a[n + 1] == '=')) {
				out[i] = xasprintf("-%s", a);
				break;
			}
		}
	}
	return out;
}

static void
free_spellings(int argc, char **orig, char **conv)
{
	for (int i = 0; i < argc; i++)
		if (conv[i] != orig[i])
			free(conv[i]);
	free(conv);
}

int
main(int argc, char **argv)
{
	enum mode what = DO_UPDATE;
	const char *path = DEFAULT_CONFIG, *cache = NULL, *import = NULL;
	struct run_opts o;
	struct config c;
	char **args = ddclient_spellings(argc, argv);
	struct report report = { 0 };
	char ipbuf[FAM_N][ADDR_MAX];
	int ch, rc = EX_DONE, use_syslog = 0, at;

	log_protect();
	/* a full disk or file size limit is a write error, not a crash */
	signal(SIGXFSZ, SIG_IGN);
	guard_fds();
	memset(&o, 0, sizeof(o));
	o.hedge_ms = DETECT_HEDGE_MS;
	/* "+": no reordering, so args[at] is what the user wrote in argv[at] */
	opterr = 0;
	while (at = optind, (ch = getopt_long(argc, args, "+:c:p:nfqvdh", longopts,
	    NULL)) != -1) {
		int fam;
		long n;

		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'p':
			strlist_add(&o.profiles, optarg);
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'f':
			o.force = 1;
			break;
		case 'q':
			log_verbosity = 0;
			break;
		case OPT_NOQUIET:
			log_verbosity = log_verbosity < 1 ? 1 : log_verbosity;
			break;
		case 'v':
			log_verbosity = log_verbosity < 2 ? 2 : log_verbosity;
			break;
		case 'd':
			log_verbosity = 3;
			break;
		case 'h':
			usage(stdout);
			goto out;
		case OPT_VERSION:
			printf("nicupdate %s\n%s\ninih/%s\n", PACKAGE_VERSION, http_version(),
			    INIH_VERSION);
			goto out;
		case OPT_LISTWEB:
			detect_list_builtin();
			goto out;
		case OPT_LISTPROTO:
			proto_list();
			goto out;
		case OPT_IP:
			if ((fam = addr_family(optarg)) == -1) {
				log_error("--ip: \"%s\" is not an IPv4 or IPv6 address", optarg);
				rc = EX_BADCMD;
				goto out;
			}
			if (o.ip[fam] != NULL) {
				log_error("--ip: two %s addresses, %s and %s", fam_name((enum fam)fam),
				    o.ip[fam], optarg);
				rc = EX_BADCMD;
				goto out;
			}
			/* the canonical spelling, as detection would give it */
			addr_parse((enum fam)fam, optarg, ipbuf[fam]);
			o.ip[fam] = ipbuf[fam];
			break;
		case OPT_QUERY:
			if (set_mode(&what, DO_QUERY) == -1) {
				rc = EX_BADCMD;
				goto out;
			}
			break;
		case OPT_CHECK:
			if (set_mode(&what, DO_CHECK) == -1) {
				rc = EX_BADCMD;
				goto out;
			}
			break;
		case OPT_STATUS:
			if (set_mode(&what, DO_STATUS) == -1) {
				rc = EX_BADCMD;
				goto out;
			}
			break;
		case OPT_CACHE:
			cache = optarg;
			break;
		case OPT_HOST:
			if (strlist_split(&o.hosts, optarg) == -1) {
				log_error("--host: empty host name in \"%s\"", optarg);
				rc = EX_BADCMD;
				goto out;
			}
			break;
		case OPT_DAEMON:
			if (parse_long(optarg, 0, 0, &n) == -1) {
				log_error("-daemon=%s: nicupdate runs once; schedule it with a "
				    "systemd timer or cron (see nicupdate(1))", optarg);
				rc = EX_BADCMD;
				goto out;
			}
			break;
		case OPT_FOREGROUND:
			break;
		case OPT_JSON:
			log_json = 1;
			break;
		case OPT_SYSLOG:
			use_syslog = 1;
			break;
		case OPT_IMPORT:
			rc = import_ddclient(optarg);
			goto out;
		case OPT_IMPORT_CACHE:
			if (set_mode(&what, DO_IMPORT_CACHE) == -1) {
				rc = EX_BADCMD;
				goto out;
			}
			import = optarg;
			break;
		default:
			bad_option(argv, args, at, ch);
			rc = EX_BADCMD;
			goto out;
		}
	}
	log_init(use_syslog);
	if (log_json && what != DO_UPDATE) {
		log_error("--json reports update runs only");
		rc = EX_BADCMD;
		goto out;
	}
	if (log_json) {
		o.report = json_report = &report;
		log_error_hook = report_error_line;
	}
	if (optind < argc) {
		log_error("unexpected argument \"%s\"", args[optind]);
		rc = EX_BADCMD;
		goto out;
	}
	/* --status and --query send nothing, so they need no secret */
	if (config_load_opts(&c, path, (what == DO_STATUS || what == DO_QUERY ?
	    CONFIG_NO_SECRETS : 0) | (what == DO_CHECK ? CONFIG_MIGRATION_NOTICES : 0)) == -1) {
		config_free(&c);
		rc = EX_CONFIG;
		goto out;
	}
	log_secrets(&c.secrets);
	/* the hooks post the report: it is kept without --json too */
	if (what == DO_UPDATE && !o.dry_run && hooks_wanted(&c) && o.report == NULL) {
		o.report = json_report = &report;
		log_error_hook = report_error_line;
	}
	if (cache != NULL) {
		free(c.cache);
		c.cache = xstrdup(cache);
	}
	o.now = (long long)time(NULL);
	if (what == DO_CHECK) {
		config_print(&c);
	} else if (what == DO_STATUS) {
		rc = run_status(&c, &o);
	} else if (what == DO_IMPORT_CACHE) {
		rc = run_import_cache(&c, &o, import);
	} else if (http_init() == -1) {
		log_error("cannot initialise libcurl");
		rc = EX_INTERNAL;
	} else {
		if (what == DO_UPDATE)
			catch_stop_signals();
		if (what == DO_UPDATE && !o.dry_run)
			hooks_start(&c);
		rc = what == DO_QUERY ? run_query(&c, &o) : run_update(&c, &o);
		/* after the state is written and the postscripts ran */
		if (what == DO_UPDATE && !o.dry_run)
			hooks_end(&c, o.report, exit_status(rc));
		http_cleanup();
	}
	config_free(&c);
out:
	rc = exit_status(rc);
	if (log_json && o.report != NULL)
		report_print(o.report, rc);
	else if (o.report != NULL)
		report_free(o.report);
	strlist_free(&o.profiles);
	strlist_free(&o.hosts);
	free_spellings(argc, argv, args);
	return rc;
}
