/* The benchmark root task: reads what the host asks (boot module 1), starts the pager,
 * registers every case and runs the selected ones (tbench prints table and JSON). */
#include "args.h"
#include "cases.h"

int main(void)
{
    struct tb_options o;
    if (bench_args(&o) != 0)
        return 2;
    if (!o.list_only)
        pager_start();
    register_baseline();
    register_ipc();
    register_strings();
    register_threads();
    register_memory();
    register_mapping();
    register_interrupts();
    int errors = tb_run(&o);
    tern_printf("BENCH DONE: %d error(s)\n", errors);
    return 0;          /* errors are in the results; the run itself worked */
}
