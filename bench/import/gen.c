/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * gen.c: writes the benchmark's input files, the same bytes on every run
 * (a fixed seed and our own generator, not rand()).
 *
 *   bench-gen ideas N FILE    N paper-form submissions, as a French-locale
 *                             spreadsheet saved "CSV UTF-8": BOM, ';', CRLF;
 *                             texts of 200-800 characters with accents,
 *                             line breaks, doubled quotes and semicolons.
 *   bench-gen votes N V I FILE  N votes from V voters on ideas F000001..
 *                             F<I> (the form references of the ideas file),
 *                             in the order a platform exports them (by time,
 *                             voters interleaved), never twice the same pair.
 *   bench-gen setup FILE      the consultation's themes, for the script
 *                             (code TAB title per line).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x5eed2021c0de1234ULL;

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t
rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned
pick(unsigned n)
{
    return (unsigned)(rng() % n);
}

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *const words[] = {
    "améliorer", "la", "le", "les", "des", "une", "un", "pour", "avec",
    "sans", "entre", "agents", "service", "bâtiment", "communal", "école",
    "crèche", "mobilité", "vélo", "stationnement", "télétravail", "réunion",
    "formation", "compétences", "bien-être", "collègues", "hiérarchie",
    "procédure", "dématérialisation", "logiciel", "imprimante", "papier",
    "économie", "énergie", "chauffage", "éclairage", "déchets", "tri",
    "compost", "cantine", "repas", "bio", "locaux", "accueil", "citoyens",
    "usagers", "délai", "réponse", "courrier", "guichet", "horaires",
    "souplesse", "congés", "équipe", "matériel", "véhicule", "électrique",
    "covoiturage", "parking", "sécurité", "propreté", "espaces", "verts",
    "arbres", "quartier", "rue", "trottoir", "piétons", "enfants", "aînés",
    "handicap", "accessibilité", "numérique", "intranet", "messagerie",
    "visioconférence", "écran", "bureau", "partagé", "salle", "pause",
    "café", "eau", "fontaine", "gobelets", "réutilisables", "économiser",
    "réduire", "simplifier", "créer", "mettre", "en", "place", "organiser",
    "proposer", "développer", "renforcer", "valoriser", "reconnaître",
    "écouter", "communiquer", "informer", "coordonner", "mutualiser",
    "œuvre", "cœur", "sœur", "déjà", "très", "plutôt", "beaucoup", "trop",
    "peu", "chaque", "semaine", "mois", "année", "matin", "soir", "été",
    "hiver", "coût", "budget", "€", "gratuit", "payant", "prévoir", "à",
    "où", "ça", "qu’il", "l’administration", "d’accueil", "n’est", "c’est",
};

static const char *const first_names[] = {
    "Élodie", "Zoé", "Chloé", "Léa", "Anaïs", "Maëlle", "Hélène", "Céline",
    "Noémie", "Agnès", "Françoise", "Bérénice", "Jérôme", "Frédéric",
    "Stéphane", "Rémi", "Benoît", "Loïc", "Gaëtan", "Joël", "Cédric",
    "François", "Sébastien", "Thérèse", "Mathéo", "Inès", "Raphaël",
    "Noël", "Aurélien", "Clément", "Marie", "Jean", "Luc", "Anne",
};

static const char *const last_names[] = {
    "Dupont", "Lefèvre", "Müller", "Gérard", "Bézier", "D’Hondt", "Vandenbroucke",
    "Lemaître", "Évrard", "Pêcheur", "Lebœuf", "Mercier", "Thibault",
    "Collignon", "Delvaux", "Dubois", "Lambert", "Martin", "Renard", "Wéry",
    "Francœur", "Noël", "Hénin", "Piérard", "Crémer", "Goossens", "Janssens",
};

static const char *const services[] = {
    "Travaux", "Finances", "Ressources humaines", "État civil",
    "Espaces verts", "Propreté publique", "Enseignement", "Crèches",
    "Informatique", "Urbanisme", "Police administrative", "Cimetières",
    "Bibliothèques", "Sports", "Culture", "Énergie", "Mobilité",
    "Affaires économiques", "Logement", "Cohésion sociale",
};

/* Codes and titles of the consultation's eleven themes; the ideas file
 * names a theme by its code or by its title, as people write it. */
static const char *const theme_codes[] = {
    "SAT", "BEE", "MOD", "COMP", "DD", "MOB", "NUM", "ACC", "COM", "ORG",
    "SEC",
};
static const char *const theme_titles[] = {
    "Satisfaction des citoyens", "Bien-être des agents", "Modernisation",
    "Compétences", "Développement durable", "Mobilité", "Numérique",
    "Accueil", "Communication", "Organisation du travail", "Sécurité",
};

static const char *const kinds[] = { "idée", "Idée", "constat", "idea" };
static const char *const channels[] = {
    "papier", "Papier", "atelier", "web", "courriel", "téléphone",
};

/* Append `s` to the buffer at `*o`. */
static void
put(char *buf, size_t *o, const char *s)
{
    size_t n = strlen(s);

    memcpy(buf + *o, s, n);
    *o += n;
}

/* Count UTF-8 characters. */
static size_t
chars(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

/* French-looking text of about `target` characters (never below it). */
static void
text(char *buf, size_t target, bool title)
{
    size_t o = 0;
    bool cap = true;

    while (chars(buf, o) < target) {
        const char *w = words[pick(COUNT(words))];

        if (o > 0)
            put(buf, &o, " ");
        if (cap && (unsigned char)w[0] < 0x80 && w[0] >= 'a') {
            buf[o++] = (char)(w[0] - 'a' + 'A');
            put(buf, &o, w + 1);
        } else {
            put(buf, &o, w);
        }
        cap = false;
        if (title)
            continue;
        switch (pick(40)) {
        case 0: put(buf, &o, "."); cap = true; break;
        case 1: put(buf, &o, ";"); break;
        case 2: put(buf, &o, ","); break;
        case 3: put(buf, &o, ".\n"); cap = true; break;
        case 4: put(buf, &o, " : « vraiment »"); break;
        case 5: put(buf, &o, " (\"urgent\")"); break;
        case 6: put(buf, &o, ".\n\n-"); cap = true; break;
        case 7: put(buf, &o, " 100 %"); break;
        default: break;
        }
    }
    if (!title)
        put(buf, &o, ".");
    buf[o] = '\0';
}

/* A CSV cell: quoted when it holds ';', '"', CR or LF, quotes doubled. */
static void
cell(FILE *out, const char *s, int last)
{
    if (strpbrk(s, ";\"\r\n") != NULL) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ";", out);
}

static void
person(unsigned n, char *ref, char *name, char *service)
{
    /* The same number always gives the same person. */
    uint64_t saved = rng_state;

    rng_state = 0xabcdef12345ULL + n * 7919ULL;
    snprintf(name, 96, "%s %s", first_names[pick(COUNT(first_names))],
             last_names[pick(COUNT(last_names))]);
    snprintf(service, 64, "%s", services[pick(COUNT(services))]);
    /* About one in ten has no employee number: name and service only. */
    if (pick(10) == 0)
        ref[0] = '\0';
    else
        snprintf(ref, 16, "M%06u", n);
    rng_state = saved;
}

static int
gen_ideas(unsigned long n, FILE *out)
{
    static char body[4096], title[512];
    char ref[16], name[96], service[64], email[160], date[40], form[16];

    fputs("\xEF\xBB\xBF", out);
    fputs("Thème;Type;Titre;Texte;Canal;N° formulaire;Date;Matricule;Nom;"
          "Service;Courriel;Consentement\r\n", out);
    for (unsigned long i = 1; i <= n; i++) {
        unsigned t = pick(COUNT(theme_codes));
        unsigned author = 1 + pick(30000);
        unsigned day = (unsigned)(i * 42 / n);   /* six weeks, in order */

        text(body, 200 + pick(590), false);
        if (pick(5) == 0)
            title[0] = '\0';    /* a form without a title */
        else
            text(title, 20 + pick(50), true);
        person(author, ref, name, service);
        if (ref[0] && pick(10) != 0)
            snprintf(email, sizeof email, "m%06u@commune.example.be",
                     author);
        else
            email[0] = '\0';
        if (pick(2))
            snprintf(date, sizeof date, "%02u/%02u/2021", 1 + day % 28,
                     3 + day / 28);
        else
            snprintf(date, sizeof date, "2021-%02u-%02u", 3 + day / 28,
                     1 + day % 28);
        snprintf(form, sizeof form, "F%06lu", i);
        cell(out, pick(3) ? theme_codes[t] : theme_titles[t], 0);
        cell(out, kinds[pick(COUNT(kinds))], 0);
        cell(out, title, 0);
        cell(out, body, 0);
        cell(out, channels[pick(COUNT(channels))], 0);
        cell(out, form, 0);
        cell(out, date, 0);
        cell(out, ref, 0);
        cell(out, name, 0);
        cell(out, service, 0);
        cell(out, email, 0);
        cell(out, pick(3) ? "oui" : "non", 1);
    }
    return ferror(out) ? 1 : 0;
}

static int
gen_votes(unsigned long n, unsigned voters, unsigned ideas, FILE *out)
{
    /* Each voter supports n / voters ideas; a stride walk over the ideas
     * from a per-voter start never repeats a pair. */
    unsigned long per = (n + voters - 1) / voters;
    unsigned *start = malloc(voters * sizeof *start);
    unsigned *step = malloc(voters * sizeof *step);
    unsigned *done = calloc(voters, sizeof *done);
    char ref[16], name[96], service[64], form[16], date[48];
    unsigned long written = 0;

    if (!start || !step || !done)
        return 1;
    for (unsigned v = 0; v < voters; v++) {
        start[v] = pick(ideas);
        step[v] = 1 + pick(ideas / per > 1 ? (unsigned)(ideas / per) : 1);
    }
    fputs("idea_form_ref,participant_ref,participant_name,service,voted_at,"
          "channel\n", out);
    while (written < n) {
        unsigned v = pick(voters);
        unsigned long k;
        unsigned idea;
        unsigned long sec = written * 3628800UL / n;

        if (done[v] >= per) {
            /* This voter has voted: take the next one that has not. */
            while (done[v] >= per)
                v = (v + 1) % voters;
        }
        k = done[v]++;
        idea = 1 + (unsigned)((start[v] + k * step[v]) % ideas);
        person(100000 + v, ref, name, service);
        snprintf(form, sizeof form, "F%06u", idea);
        snprintf(date, sizeof date, "2021-%02lu-%02lu %02lu:%02lu:%02lu",
                 3 + sec / 86400 / 28, 1 + sec / 86400 % 28,
                 sec / 3600 % 24, sec / 60 % 60, sec % 60);
        /* A platform's export: the name only for those without a number. */
        fprintf(out, "%s,%s,%s,%s,%s,web\n", form, ref, ref[0] ? "" : name,
                ref[0] ? "" : service, date);
        written++;
    }
    free(start);
    free(step);
    free(done);
    return ferror(out) ? 1 : 0;
}

static int
gen_setup(FILE *out)
{
    for (size_t i = 0; i < COUNT(theme_codes); i++)
        fprintf(out, "%s\t%s\n", theme_codes[i], theme_titles[i]);
    return ferror(out) ? 1 : 0;
}

int
main(int argc, char **argv)
{
    FILE *out;
    int rc;

    if (argc == 4 && strcmp(argv[1], "ideas") == 0) {
        if ((out = fopen(argv[3], "wb")) == NULL)
            return perror(argv[3]), 1;
        rc = gen_ideas(strtoul(argv[2], NULL, 10), out);
    } else if (argc == 6 && strcmp(argv[1], "votes") == 0) {
        if ((out = fopen(argv[5], "wb")) == NULL)
            return perror(argv[5]), 1;
        rc = gen_votes(strtoul(argv[2], NULL, 10),
                       (unsigned)strtoul(argv[3], NULL, 10),
                       (unsigned)strtoul(argv[4], NULL, 10), out);
    } else if (argc == 3 && strcmp(argv[1], "setup") == 0) {
        if ((out = fopen(argv[2], "wb")) == NULL)
            return perror(argv[2]), 1;
        rc = gen_setup(out);
    } else {
        fputs("usage: bench-gen ideas N FILE | votes N VOTERS IDEAS FILE"
              " | setup FILE\n", stderr);
        return 64;
    }
    if (fclose(out) != 0)
        rc = 1;
    return rc;
}
