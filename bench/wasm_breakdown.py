#!/usr/bin/env python3
"""What the wasm holds: bytes per group of functions (each core file's, libc++, printf/strtod, ...)
and what each group costs the gzip -9 size (the wasm gzipped without that group's function bodies,
subtracted from the whole; groups share compression context, so the costs sum to more than the
total). Reads the same build as `npm run wasm` relinked with function names (--profiling-funcs:
names only, the same code), and the objects' symbols to tell which core file a function is from.
  bash bench/wasm_breakdown.sh          (needs Debian's wabt for wasm-objdump)
"""
import collections
import re
import subprocess
import sys
import zlib

wasm_path, build_dir = sys.argv[1], sys.argv[2]
data = open(wasm_path, 'rb').read()


def uleb(b, i):
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


# Sections (id -> (start, end)) and the number of imported functions (function indices count them).
sections, imported, i = {}, 0, 8
while i < len(data):
    sid = data[i]
    size, i = uleb(data, i + 1)
    if sid == 2:
        n, j = uleb(data, i)
        for _ in range(n):
            for _ in range(2):  # module and field names
                length, j = uleb(data, j)
                j += length
            kind = data[j]
            j += 1
            if kind == 0:
                imported += 1
                _, j = uleb(data, j)
            elif kind in (1, 2):  # table (element type first) or memory: limits
                j += kind == 1
                flags, j = uleb(data, j)
                _, j = uleb(data, j)
                if flags & 1:
                    _, j = uleb(data, j)
            elif kind == 3:
                j += 2
            else:
                j += 1
                _, j = uleb(data, j)
    sections[sid] = (i, i + size)
    i += size

start, end = sections[10]
_, i = uleb(data, start)
bodies = []
while i < end:
    size, j = uleb(data, i)
    bodies.append((i, j + size))
    i = j + size
shipped = data[: max(e for sid, (s, e) in sections.items() if sid != 0)]  # no name section

# Function names (demangled) from wasm-objdump, and which core objects define each symbol.
dump = subprocess.run(['wasm-objdump', '-x', wasm_path], capture_output=True, text=True).stdout
names = {int(m[1]): m[2] for m in re.finditer(r'^ - func\[(\d+)\] size=\d+ <(.*)>$', dump, re.M)}
demangled = subprocess.run(
    ['c++filt'], input='\n'.join(names.values()), capture_output=True, text=True
).stdout.split('\n')
names = dict(zip(names, demangled))
owners = collections.defaultdict(set)
objects = subprocess.run(
    ['find', build_dir, '-name', '*.cpp.o'], capture_output=True, text=True
).stdout.split()
for obj in objects:
    unit = obj.rsplit('/', 1)[1][: -len('.cpp.o')]
    nm = subprocess.run(['llvm-nm', '--defined-only', '-C', obj], capture_output=True, text=True)
    for line in nm.stdout.splitlines():
        parts = line.split(' ', 2)
        if len(parts) == 3 and parts[1] in 'TtWw':
            owners[parts[2]].add(unit)

TRAINING = {'mlp', 'loss', 'adam', 'sgd', 'trainer', 'data_loader', 'torch_random', 'lr_find'}


def group(name):
    units = owners.get(name, set())
    library = name.startswith(('std::', 'void std::', 'Eigen::', 'emscripten::'))
    unit = next(iter(units)) if len(units) == 1 and not library else None
    if unit is None and units and not library:
        unit = sorted(units)[0]
    if unit in ('bindings', 'records_js', 'record_batch'):
        return 'cpp/wasm/ (JS <-> C++: bindings, records_js, record_batch)'
    if unit in TRAINING or 'Eigen::' in name:
        return 'training (MLP, loss, Adam, SGD, trainer, batches, range test)'
    if unit == 'dataset':
        return 'CSV loader (dataset.cpp)'
    if unit and (unit.startswith('sched_') or unit in ('scheduler', 'make_scheduler', 'timetable')):
        return 'schedulers (sched_*, scheduler, make_scheduler, timetable)'
    if unit and unit.startswith('schedule_'):
        return '--schedule parser and printer (schedule_*)'
    if unit:
        return 'settings and text (settings_schema, config, text, format, split)'
    if 'emscripten' in name or 'embind' in name:
        return 'Embind runtime'
    if 'std::__2::' in name:
        return 'libc++ (strings, vectors, maps, make_unique, ...)'
    if re.match(r'(strtox|printf_core|fmt_|pop_arg|out|pad|getint|vsnprintf|snprintf|__floatscan'
                r'|decfloat|hexfloat|scanexp|__shgetc|__shlim|__intscan|strto|frexp|scalbnl|copysignl'
                r'|fmodl|__towrite|__fwritex|sn_write|__lshrti3|__ashlti3|__multi3|atoi)', name) or \
            re.match(r'__\w*tf\d?$', name):
        return 'printf / strtod and their long double arithmetic'
    if re.match(r'(__)?(cos|sin|tan|pow|exp|log|rem_pio2|scalbn|expo2|math_|cosh|floor|ceil|round|fmod)', name):
        return 'libm (cos, pow, exp, log)'
    return 'exceptions, RTTI, malloc, memcpy, static constructors'


groups = collections.defaultdict(list)
for index, name in names.items():
    groups[group(name)].append(index - imported)
whole = len(zlib.compress(shipped, 9))
rows = []
for name, members in groups.items():
    cut, pieces, last = set(members), [], 0
    for k, (a, b) in enumerate(bodies):
        if k in cut:
            pieces.append(shipped[last:a])
            last = b
    pieces.append(shipped[last:])
    raw = sum(bodies[k][1] - bodies[k][0] for k in members)
    rows.append((raw, whole - len(zlib.compress(b''.join(pieces), 9)), name))
a, b = sections[11]
rows.append((b - a, whole - len(zlib.compress(shipped[:a] + shipped[b:], 9)),
             'data (strings, math tables, exception tables, vtables, the settings table)'))
print('| what | raw bytes | gzip -9 cost (KB) |')
print('| --- | ---: | ---: |')
for raw, packed, name in sorted(rows, reverse=True):
    print(f'| {name} | {raw:,} | {packed / 1024:.1f} |')
print(f'| the wasm (no name section) | {len(shipped):,} | {whole / 1024:.1f} |')
print('\nlargest functions (raw bytes):')
for index in sorted(names, key=lambda k: bodies[k - imported][0] - bodies[k - imported][1])[:15]:
    a, b = bodies[index - imported]
    print(f'{b - a:7,}  {names[index][:110]}')
