#!/usr/bin/env python3
"""Where a routed case's time goes, from a dotnet-trace thread-time trace (docs/benchmarks.md, issue 19 third round).

  dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:00:15 -o x.nettrace   (writers running)
  dotnet-trace convert x.nettrace --format speedscope -o x
  python3 scripts/bench/trace-breakdown.py x.speedscope.json

Thread time, not CPU: waiting threads (thread pool, sockets, timers) are left out, a commit's time (mostly the fsync)
is shown apart, and each sample goes to the category of the frame nearest its leaf.
"""
import collections, json, re, sys

d = json.load(open(sys.argv[1]))
F = [f['name'] for f in d['shared']['frames']]
stacks = collections.Counter()
for p in d['profiles']:
    st, last = [], None
    for e in p['events']:
        if st and last is not None:
            stacks[tuple(st)] += e['at'] - last
        last = e['at']
        if e['type'] == 'O':
            st.append(e['frame'])
        elif e['frame'] in st:
            st = st[:len(st) - 1 - st[::-1].index(e['frame'])]
S = list(stacks.items())
idle=re.compile(r'LowLevelLifoSemaphore|Monitor\.Wait|WaitHandle\.Wait|ManualResetEventSlim\.Wait|SocketAsyncEngine\.EventLoop|Heartbeat|Thread\.Sleep|TimerQueue\.TimerThread|WaitForSignal|EventPipe|DiagnosticServer')
cats=[
 ('commit (fsync wait + WAL write)', r'SqliteTransaction\.Commit'),
 ('routing inputs: RoutingStore.LoadAsync (rules, steps, bodies, parties, interests)', r'RoutingInputs|RoutingStore\+<LoadAsync>|RoutingStore\.LoadAsync|RoutingStore\.BodiesAsync|RoutingStore\+<BodiesAsync>'),
 ('interest check (EnsureInterestAsync)', r'EnsureInterestAsync'),
 ('model resolve (GovernanceModelsStore.ResolveAsync)', r'GovernanceModelsStore.*ResolveAsync'),
 ('routing engine (RoutingEngine)', r'Domain\.Routing\.RoutingEngine'),
 ('steps INSERT (incl. audit trigger per step row)', r'InsertStepsAsync'),
 ('feed events + outbox (CaseFeedStore.AppendAsync)', r'CaseFeedStore.*AppendAsync'),
 ('case number counter', r'NextCaseNumberAsync'),
 ('external reference check', r'EnsureExternalReferenceFreeAsync'),
 ('read-back of the created case (CasesStore.LoadAsync)', r'CasesStore\+<LoadAsync>|CasesStore\.LoadAsync|CasesStore.*RequireAsync|CasesStore.*StepsAsync|CasesStore.*PartiesAsync'),
 ('step rows and the answer planned before the write lock (CreateCase PlanAsync, CasesStore.PlanStepRowsAsync, Compose)', r'PlanStepRowsAsync|CreateCase\+Handler.*PlanAsync|CasesStore\.Compose'),
 ('case_file INSERT and other InsertAsync work', r'CreateCase\+Handler.*InsertAsync'),
 ('BEGIN (write gate + BEGIN IMMEDIATE)', r'BeginWriteAsync'),
 ('open connection (pool, set-up)', r'ConnectionFactory|SqliteConnection\.Open'),
 ('response JSON serialisation', r'WriteAsJsonAsync'),
 ('request JSON parse', r'ReadFromJsonAsync|TryReadBodyAsync|JsonSerializer\.Deserialize'),
 ('request hash (SHA-256 of serialised body)', r'SHA256|SerializeToUtf8Bytes'),
 ('validation (FluentValidation)', r'FluentValidation'),
 ('authentication (API key)', r'ApiKey|AuthenticationHandler|AuthenticationService'),
 ('logging', r'Microsoft\.Extensions\.Logging|Logger'),
 ('GC', r'PollGC|GarbageCollect|gc_heap|WKS::|SVR::'),
 ('JIT / tiering', r'TieredCompilation|CallCountingManager|JIT_'),
 ('Kestrel, middleware, MediatR and the rest', r'.'),
]
cc=[(n,re.compile(p)) for n,p in cats]
res=collections.Counter(); tot=0
for k,v in S:
    names=[F[i] for i in k]
    if any(idle.search(n) for n in names): continue
    tot+=v
    real=[n for n in names if n not in ('CPU_TIME','UNMANAGED_CODE_TIME')]
    if real and 'WorkerThreadStart' in real[-1]:
        res['thread-pool workers spinning for work']+=v; continue
    for name in reversed(names):
        hit=None
        for n,r in cc[:-1]:
            if r.search(name): hit=n;break
        if hit: res[hit]+=v;break
    else: res[cc[-1][0]]+=v
commit=res.get(cc[0][0],0)
print(f'total busy thread time {tot/1000:.1f}s; commit {commit/tot*100:.1f}%; shares below exclude commit')
for n,v in res.most_common():
    if n==cc[0][0]: continue
    print(f'| {n} | {v/(tot-commit)*100:.1f}% |')
