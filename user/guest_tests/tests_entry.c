/* Kernel entry with the state a hostile thread can leave behind (flags, segments, a bad
 * stack pointer, a syscall in a delay slot; user/arch/<arch>/entry_abuse.S does what its
 * ISA allows): the kernel survives, the partner gets the message or none, and nothing
 * leaks into the partner. And what exchange_registers may not give a thread: privileged
 * flags, an instruction address that is not one. */
#include "harness.h"

word_t entry_abuse(int kind, word_t to);   /* -1: the kind means nothing on this arch */
unsigned entry_state(void);                /* bit 0: DF clear, bit 1: the UTCB pointer works */
void entry_privileged_probe(void);         /* an instruction user mode may not run */

enum { FLAGS = 1, SEGMENTS = 2, KERNEL_STACK = 3, UNMAPPED_STACK = 4, DELAY_SLOT_SYSCALL = 5,
       NAT_ARGUMENT = 6, BAD_BSPSTORE = 7, ODD_RSC = 8, BIG_ENDIAN_DATA = 9, GATE_PAST_EPC = 10,
       GATE_WITHOUT_CALL = 11 };

static struct abuser { int kind; word_t to; volatile word_t result, state, done; } ab;

static void abuser(word_t arg)
{
    (void)arg;
    tern_receive(ab.to, NULL);                  /* go: the root task waits for us now */
    ab.result = entry_abuse(ab.kind, ab.to);
    if (ab.result == (word_t)-1) {              /* not on this arch: say so, be answered */
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_call(ab.to);
    }
    ab.state = entry_state();
    ab.done = 1;
    tern_thread_exit();
}

/* Returns 0 (and skips) when the kind does not apply here; else checks and returns 1. */
static int abuse(int kind, int message_expected)
{
    ab = (struct abuser){ kind, tern_myself(), 0, 0, 0 };
    word_t t = spawn(abuser, 0), from;
    if (t == TERN_NIL_THREAD)
        return test_fail(__FILE__, __LINE__, "spawn", 0, 0), 1;
    /* "go", then wait: with no timeout the abuser's IPC may take the fast path, where its
     * flags would reach us; where no message may come, a timeout ends the wait */
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    word_t timeouts = message_expected ? NEVER
                      : tern_timeouts_word(tern_time_never(), tern_time_period_us(20000));
    tern_msgtag_t m = tern_ipc(t, t, timeouts, &from);
    unsigned mine = entry_state();              /* nothing of the abuser's flags */
    if (!tern_ipc_failed(m)) {
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_send(t);
        for (int i = 0; i < 100 && !ab.done; i++)
            tern_sys_thread_switch(TERN_NIL_THREAD);
    }
    kill(t);
    if (ab.done && ab.result == (word_t)-1) {
        test_skip("this ISA's entry takes no such state from the user");
        return 0;
    }
    if (message_expected) {
        if (tern_ipc_failed(m) || from != t)
            return test_fail(__FILE__, __LINE__, "the abuser's message arrives", kind, 0), 1;
        if (!ab.done || ab.result != tern_myself() || !(ab.state & 2))
            return test_fail(__FILE__, __LINE__, "the abuser gets its reply and its UTCB", ab.state, 3), 1;
    } else if (!tern_ipc_failed(m) || ab.done) {
        return test_fail(__FILE__, __LINE__, "no IPC from a thread without a stack", kind, 0), 1;
    }
    if (mine != 3)
        return test_fail(__FILE__, __LINE__, "the receiver's DF and UTCB pointer intact", mine, 3), 1;
    return 1;
}

TEST(hostile_flags) { abuse(FLAGS, 1); }
TEST(hostile_segments) { abuse(SEGMENTS, 1); }
TEST(hostile_stack_in_kernel) { abuse(KERNEL_STACK, 0); }
TEST(hostile_stack_unmapped) { abuse(UNMAPPED_STACK, 0); }
/* ia64's register stack: the store in the kernel's region, in eager mode, and an odd
 * ar.rsc (big-endian, a load size left over): the call goes through and the state comes
 * back exactly (entry_abuse returns -3 otherwise). */
TEST(hostile_register_stack) { abuse(BAD_BSPSTORE, 1); }
TEST(hostile_rsc) { abuse(ODD_RSC, 1); }
/* ia64's big-endian data bit (the user's to set) through the IPC gate, whose epc leaves
 * it on: the kernel turns it off, and the bit comes back set. */
TEST(hostile_big_endian) { abuse(BIG_ENDIAN_DATA, 1); }

/* ---- What exchange_registers may not give a thread ---------------------------------- */

/* A thread the root task redirects or reconfigures, then lets go; its exception handler
 * is the pager, which resumes it in `trapped` on a fresh stack. */
static struct victim { word_t root; volatile word_t ran, trapped; } vic;

static void trapped(word_t arg)
{
    (void)arg;
    vic.trapped = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(vic.root);
    tern_thread_exit();
}

static void probe_after_go(word_t arg)
{
    (void)arg;
    tern_utcb()->exception_handler = pager_tid;
    /* a receive with a timeout blocks on the slow path, with a whole frame */
    tern_receive_timeout(vic.root, tern_time_period_us(1000000), NULL);
    entry_privileged_probe();
    vic.ran = 1;
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(vic.root);
    tern_thread_exit();
}

static word_t start_victim(void (*fn)(word_t))
{
    vic = (struct victim){ tern_myself(), 0, 0 };
    word_t *resume = new_stack() - 2;
    resume[0] = (word_t)trapped;
    resume[1] = 0;
    exception_resume_sp = (word_t)resume;
    word_t t = spawn(fn, 0);
    tern_sys_thread_switch(t);                  /* it runs up to its receive */
    return t;
}

/* Every flag bit set through exchange_registers: none gives user mode a privilege. */
TEST(flags_give_no_privilege)
{
    word_t t = start_victim(probe_after_go), o[6];
    CHECK(t != TERN_NIL_THREAD);
    CHECK_EQ(tern_sys_exchange_registers(t, TERN_EXREG_SET_FLAGS, 0, 0, ~(word_t)0, 0, 0,
                                         &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]), t);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(t);                               /* go */
    CHECK(!tern_ipc_failed(tern_receive_timeout(t, tern_time_period_us(500000), NULL)));
    kill(t);
    CHECK_EQ(vic.ran, 0);                       /* the privileged instruction trapped ... */
    CHECK_EQ(vic.trapped, 1);                   /* ... and its handler heard of it */
}

/* An instruction address that is not one, where instructions are aligned. */
TEST(unaligned_ip_refused)
{
    if (TERN_CODE_ALIGN == 1) {
        test_skip("instructions may start at any byte on this ISA");
        return;
    }
    word_t t = start_victim(probe_after_go), o[6];
    CHECK(t != TERN_NIL_THREAD);
    word_t r = tern_sys_exchange_registers(t, TERN_EXREG_SET_IP, 0, tern_code_address((void (*)(void))trapped) + 2, 0, 0, 0,
                                           &o[0], &o[1], &o[2], &o[3], &o[4], &o[5]);
    word_t err = tern_ipc_error();
    kill(t);
    CHECK_EQ(r, TERN_NIL_THREAD);
    CHECK_EQ(err, TERN_ERR_INVALID_PARAM);
}

/* A call the kernel must turn into an exception (entry_abuse's `kind`), never run: the
 * victim's handler hears of it and the call never returns. */
static int trapped_kind;

static void trapped_caller(word_t arg)
{
    (void)arg;
    tern_utcb()->exception_handler = pager_tid;
    tern_receive_timeout(vic.root, tern_time_period_us(1000000), NULL);
    vic.ran = entry_abuse(trapped_kind, vic.root);
    if (vic.ran == (word_t)-1) {               /* not on this arch: say so */
        tern_mr()[0] = tern_tag(0, 0, 0).raw;
        tern_send(vic.root);
    }
    tern_thread_exit();
}

static void call_is_an_exception(int kind, const char *not_here)
{
    trapped_kind = kind;
    word_t t = start_victim(trapped_caller);
    CHECK(t != TERN_NIL_THREAD);
    tern_mr()[0] = tern_tag(0, 0, 0).raw;
    tern_send(t);                               /* go */
    tern_msgtag_t m = tern_receive_timeout(t, tern_time_period_us(500000), NULL);
    kill(t);
    if (vic.ran == (word_t)-1) {
        test_skip(not_here);
        return;
    }
    CHECK(!tern_ipc_failed(m));
    CHECK_EQ(vic.trapped, 1);                   /* its handler heard of an exception */
    CHECK_EQ(vic.ran, 0);                       /* and the call never ran */
}

/* A system call in a branch delay slot (MIPS): an exception, never an IPC. */
TEST(syscall_in_delay_slot) { call_is_an_exception(DELAY_SLOT_SYSCALL, "no branch delay slots on this ISA"); }

/* A system call whose argument register holds a NaT (ia64: a deferred fault nobody
 * checked): a NaT consumption exception at the call, never the call, never a value the
 * kernel made up. On the fast path's entry too. */
TEST(nat_argument_is_an_exception) { call_is_an_exception(NAT_ARGUMENT, "no NaT bits on this ISA"); }

/* ia64's IPC gate page entered anywhere but at its start (still privilege 3 past the
 * epc), or by a branch whose ar.pfs says privilege 0 (epc may not promote above it):
 * an exception, never privilege 0 in user code. */
TEST(gate_entered_past_epc) { call_is_an_exception(GATE_PAST_EPC, "no IPC gate page on this ISA"); }
TEST(gate_without_call) { call_is_an_exception(GATE_WITHOUT_CALL, "no IPC gate page on this ISA"); }

/* The KIP publishes the address the IPC stub calls (0: IPC enters by a trap). */
TEST(kip_publishes_ipc_gate)
{
    CHECK_EQ(tern_kip()->ipc_gate, TERN_IPC_GATE);
    if (TERN_IPC_GATE == 0)
        test_skip("IPC enters by a trap instruction on this ISA");
}

/* The calls the kernel serves without saving a frame (lean in abi/generic.toml), entered
 * with every register set and hostile state (null DS/ES and DF on ia32, DF/NT/AC on
 * x86_64; lean_probe in entry_abuse.S): each register comes back as it went in, as a
 * result of the call, or (caller-saved ones only) cleared; never a kernel value. The
 * kept ones (callee-saved, and caller-saved ones no stub gives up: mips64's ra) that are
 * no result of the call come back unchanged. */
word_t lean_probe(word_t number, word_t *in, word_t *out);

static int (*lean_is_result)(word_t v);
static word_t lean_kip[4], lean_clock_before;
static int kip_result(word_t v)
{
    return v == lean_kip[0] || v == lean_kip[1] || v == lean_kip[2] || v == lean_kip[3];
}
static int clock_result(word_t v)
{
    return v >= lean_clock_before && v <= tern_sys_system_clock();
}

static void lean_call_check(word_t number)
{
    word_t regs[64], *in = regs, *out = regs + 32;   /* mips64's probe needs out = in + 32 */
    for (unsigned i = 0; i < 32; i++)
        in[i] = out[i] = (word_t)0x5a5a5a5a00ull + 0x1111u * (i + 1);
    word_t shape = lean_probe(number, in, out);
    unsigned slots = shape & 0xff, callee = shape >> 8 & 0xff;
    CHECK(slots > 0 && slots <= 32 && callee < slots);
    unsigned results = 0;
    for (unsigned i = 0; i < slots; i++) {
        int same = out[i] == in[i], result = lean_is_result(out[i]);
        results += !same && result;
        if (i < callee)
            CHECK_EQ(same || result, 1);
        else if (!same && !result && out[i] != 0)
            CHECK_EQ(out[i], in[i]);                 /* a value from the kernel: a leak */
    }
    CHECK(results > 0);
}

TEST(lean_calls_leak_nothing)
{
    lean_kip[0] = tern_sys_kernel_interface(&lean_kip[1], &lean_kip[2], &lean_kip[3]);
    lean_is_result = kip_result;
    lean_call_check(TERN_SYS_KERNEL_INTERFACE);
    lean_clock_before = tern_sys_system_clock();
    CHECK(lean_clock_before > 0);
    lean_is_result = clock_result;
    lean_call_check(TERN_SYS_SYSTEM_CLOCK);
}

/* A lean call leaves the thread's frame alone: the frame keeps what the last full entry
 * wrote, and a thread the fast path blocks is later resumed by the slow path through that
 * frame (x86_64 leaves by iret when the last entry was an interrupt, with its CS and SS;
 * mips64's fast path reuses its Status). So: a timer interrupt writes the frame, a lean
 * call follows, then a call the fast path blocks and the server answers by a send-only
 * IPC, which the slow path delivers. */
static void send_only_server(word_t arg)
{
    (void)arg;
    for (;;) {
        word_t from;
        tern_receive(TERN_ANY_THREAD, &from);
        tern_mr()[0] = tern_tag(0x77, 0, 0).raw;
        tern_send(from);
    }
}

TEST(lean_call_leaves_the_frame_alone)
{
    word_t srv = spawn(send_only_server, 0), kip[4];
    tern_mr()[0] = tern_tag(1, 0, 0).raw;
    CHECK_EQ(tern_msgtag_get_label(tern_call(srv)), 0x77);   /* the server now waits */
    for (int round = 0; round < 3; round++) {
        word_t t0 = tern_sys_system_clock();
        while (tern_sys_system_clock() == t0)
            ;                                       /* a tick: its frame is the last one */
        kip[0] = tern_sys_kernel_interface(&kip[1], &kip[2], &kip[3]);
        tern_mr()[0] = tern_tag(2, 0, 0).raw;
        tern_msgtag_t t = tern_call(srv);           /* fast path blocks, slow path resumes */
        CHECK(!tern_ipc_failed(t));
        CHECK_EQ(tern_msgtag_get_label(t), 0x77);
        CHECK(kip[0] != 0);
    }
    kill(srv);
}

/* What IPC gives up: on ia64 the preserved r4-r7 and b1-b5, as Pistachio's stub declares
 * (abi/ia64.toml ipc_clobbers), which the fast path clears instead of moving. Both sides
 * of a call set them to marks of their own (ipc_probe in entry_abuse.S) and must find in
 * them after each IPC none of the partner's marks and no kernel address (region 7). What
 * they do find is 0 (the fast path) or a value of their own: the slow path restores the
 * words its frame holds, which a fast-path block leaves as the last full entry wrote. */
__attribute__((weak)) word_t ipc_probe(word_t to, word_t from_specifier, word_t mark, word_t *out)
{
    (void)to, (void)from_specifier, (void)mark, (void)out;
    return (word_t)-1;      /* an ISA whose IPC gives up nothing has no probe: a SKIP */
}
#define PROBE_WORDS 9
#define ROOT_MARK ((word_t)0x5e0d0000u)
#define PARTNER_MARK ((word_t)0x9a470000u)
static word_t partner_seen[PROBE_WORDS];
static volatile word_t partner_rounds;

static void probe_partner(word_t root)
{
    word_t seen[PROBE_WORDS];
    ipc_probe(TERN_NIL_THREAD, root, PARTNER_MARK, seen);      /* the first call */
    for (;;) {
        for (int i = 0; i < PROBE_WORDS; i++)
            partner_seen[i] = seen[i];
        partner_rounds++;
        ipc_probe(root, root, PARTNER_MARK, seen);               /* reply, wait for the next */
    }
}

/* How many words hold one of the partner's marks or a kernel (region 7) address. */
static int foreign_words(const word_t *seen, word_t partner_mark)
{
    int n = 0;
    for (int i = 0; i < PROBE_WORDS; i++)
        n += seen[i] - partner_mark < 16 * PROBE_WORDS ||
             seen[i] >> (8 * sizeof(word_t) - 3) == 7;
    return n;
}

TEST(ipc_gives_the_partner_nothing)
{
    word_t seen[PROBE_WORDS];
    partner_rounds = 0;
    word_t t = spawn(probe_partner, tern_myself());
    CHECK(t != TERN_NIL_THREAD);
    for (word_t round = 0; round < 4; round++) {
        word_t from = ipc_probe(t, t, ROOT_MARK, seen);
        if (from == (word_t)-1) {
            kill(t);
            test_skip("this ISA's IPC stub gives up no preserved register");
            return;
        }
        CHECK_EQ(from, t);
        CHECK_EQ(foreign_words(seen, PARTNER_MARK), 0);
        CHECK_EQ(partner_rounds, round + 1);
        CHECK_EQ(foreign_words(partner_seen, ROOT_MARK), 0);
    }
    kill(t);
}

/* What a thread keeps across IPC that no register carries and the stub cannot save: both
 * sides of a call set it to a mark of their own through a probe (entry_abuse.S), which
 * returns what it finds after the IPC (-1 where the ISA has no such state), and each
 * must find its own mark. The partner answers odd rounds by a send-only IPC (the slow
 * path), then receives: the root, which the fast path blocked, is then resumed by the
 * slow path, so both ways back to a blocked thread are checked. */
struct kept_state {
    word_t (*probe)(word_t to, word_t from_specifier, word_t mark);
    word_t root_mark, partner_mark;
    const char *not_here;
};
static const struct kept_state *kept;
static volatile word_t kept_partner_seen, kept_partner_rounds;

static void kept_partner(word_t root)
{
    word_t seen = kept->probe(TERN_NIL_THREAD, root, kept->partner_mark);  /* the first call */
    for (word_t round = 0;; round++) {
        kept_partner_seen = seen;
        kept_partner_rounds++;
        if (round & 1) {
            word_t sent = kept->probe(root, TERN_NIL_THREAD, kept->partner_mark);
            seen = kept->probe(TERN_NIL_THREAD, root, kept->partner_mark);
            if (sent != kept->partner_mark)
                seen = sent;
        } else {
            seen = kept->probe(root, root, kept->partner_mark);            /* reply, wait */
        }
    }
}

static void both_sides_keep(const struct kept_state *k)
{
    kept = k;
    kept_partner_rounds = 0;
    word_t t = spawn(kept_partner, tern_myself());
    CHECK(t != TERN_NIL_THREAD);
    for (word_t round = 0; round < 6; round++) {
        word_t seen = k->probe(t, t, k->root_mark);
        if (seen == (word_t)-1) {
            kill(t);
            test_skip(k->not_here);
            return;
        }
        CHECK_EQ(seen, k->root_mark);
        CHECK_EQ(kept_partner_rounds, round + 1);
        CHECK_EQ(kept_partner_seen, k->partner_mark);
    }
    kill(t);
}

/* On ia64 ar.ec, the epilogue count of a software-pipelined loop, which a `break` keeps
 * (only the gate's br.ret restores it from ar.pfs): ec_probe (its entry_abuse.S) marks
 * it. An ISA without such state has no probe: this default's -1 makes the test a SKIP. */
__attribute__((weak)) word_t ec_probe(word_t to, word_t from_specifier, word_t mark)
{
    (void)to, (void)from_specifier, (void)mark;
    return (word_t)-1;
}
TEST(ipc_keeps_the_loop_count)
{
    static const struct kept_state ec = { ec_probe, 0x2a, 0x15, "this ISA has no loop count a system call leaves live" };
    both_sides_keep(&ec);
}

/* The register stack's NaT bits: on ia64 a thread's stacked registers go through the
 * kernel's backing store on every entry and come back by loadrs, their NaT bits in the
 * collections flushrs writes and, for the last partial group, in ar.rnat.
 * stacked_nat_probe marks 40 stacked registers NaT by a pattern. */
__attribute__((weak)) word_t stacked_nat_probe(word_t to, word_t from_specifier, word_t mask)
{
    (void)to, (void)from_specifier, (void)mask;
    return (word_t)-1;                          /* no register stack here: a SKIP */
}
TEST(ipc_keeps_stacked_nat_bits)
{
    static const struct kept_state nats = { stacked_nat_probe, (word_t)0x5555555555u, (word_t)0x3333333333u,
                                            "this ISA has no register stack with NaT bits" };
    both_sides_keep(&nats);
}

const struct test entry_tests[] = {
    { "entry/lean-calls-leak-nothing", lean_calls_leak_nothing },
    { "entry/lean-call-leaves-the-frame-alone", lean_call_leaves_the_frame_alone },
    { "entry/hostile-flags", hostile_flags },
    { "entry/hostile-segments", hostile_segments },
    { "entry/stack-pointer-in-kernel", hostile_stack_in_kernel },
    { "entry/stack-pointer-unmapped", hostile_stack_unmapped },
    { "entry/flags-give-no-privilege", flags_give_no_privilege },
    { "entry/unaligned-ip-refused", unaligned_ip_refused },
    { "entry/syscall-in-delay-slot", syscall_in_delay_slot },
    { "entry/hostile-register-stack", hostile_register_stack },
    { "entry/hostile-rsc", hostile_rsc },
    { "entry/nat-argument-is-an-exception", nat_argument_is_an_exception },
    { "entry/hostile-big-endian", hostile_big_endian },
    { "entry/gate-entered-past-epc", gate_entered_past_epc },
    { "entry/gate-without-call", gate_without_call },
    { "entry/kip-publishes-ipc-gate", kip_publishes_ipc_gate },
    { "entry/ipc-gives-the-partner-nothing", ipc_gives_the_partner_nothing },
    { "entry/ipc-keeps-the-loop-count", ipc_keeps_the_loop_count },
    { "entry/ipc-keeps-stacked-nat-bits", ipc_keeps_stacked_nat_bits },
    { 0, 0 },
};
