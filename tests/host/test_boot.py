def cases(ctx):
    return []
