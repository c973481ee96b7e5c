/* Partners and fast-path settings shared by the IPC cases: every IPC family exists four
 * times (partner in the same or another address space x fast path on or off). */
#include "cases.h"

const struct variant variants[4] = {
    { "intra/fast", 0, 1 }, { "inter/fast", 1, 1 }, { "intra/slow", 0, 0 }, { "inter/slow", 1, 0 },
};

word_t partner;

struct family_data {
    const struct variant *variant;
    server_fn server;
    tb_fn extra_setup, extra_teardown;
    char name[64];
};
static struct family_data data[48];
static unsigned ndata;

static void setup(struct tb_state *s)
{
    const struct family_data *d = tb_data_of(s);
    partner = d->variant->inter ? spawn_space(d->server, 0) : spawn(d->server, 0);
    if (partner == TERN_NIL_THREAD) {
        tb_skip_with_error(s, "could not start the partner thread");
        return;
    }
    if (!tern_fastpath(d->variant->fast)) {
        tb_skip_with_error(s, "this kernel was built without the fast path");
        return;
    }
    if (d->extra_setup)
        d->extra_setup(s);
}

static void teardown(struct tb_state *s)
{
    const struct family_data *d = tb_data_of(s);
    if (d->extra_teardown)
        d->extra_teardown(s);
    kill(partner);
    partner = TERN_NIL_THREAD;
    tern_fastpath(1);
}

struct tb_family *for_each_variant_ex(const char *family, tb_fn fn, server_fn server,
                                      void (*add_args)(struct tb_family *), tb_fn extra_setup,
                                      tb_fn extra_teardown)
{
    struct tb_family *f = 0;
    for (unsigned v = 0; v < 4 && ndata < sizeof data / sizeof data[0]; v++) {
        struct family_data *d = &data[ndata++];
        d->variant = &variants[v];
        d->server = server;
        d->extra_setup = extra_setup;
        d->extra_teardown = extra_teardown;
        unsigned len = 0;
        for (const char *p = family; *p && len < 40; p++)
            d->name[len++] = *p;
        d->name[len++] = '/';
        for (const char *p = variants[v].suffix; *p; p++)
            d->name[len++] = *p;
        d->name[len] = 0;
        f = tb_register(d->name, fn);
        tb_teardown(tb_setup(tb_data(f, d), setup), teardown);
        tb_messages(f, 2);                        /* a round trip is two one-way IPCs */
        if (add_args)
            add_args(f);
    }
    return f;
}

struct tb_family *for_each_variant(const char *family, tb_fn fn, server_fn server,
                                   void (*add_args)(struct tb_family *))
{
    return for_each_variant_ex(family, fn, server, add_args, 0, 0);
}
