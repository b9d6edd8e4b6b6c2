import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { DocumentSummary, FolderNode } from '../../../shared/contract/records';
import { useLang, useT, formatDate, formatNumber, errorText } from '../../i18n';
import { Empty, ErrorBox, PageHeader } from '../../ui/parts';
import { VirtualList } from '../../ui/VirtualList';
import { useNav } from '../../app/nav';
import { useRecords, findFolder } from './records-store';
import { StatusBadge } from './StatusBadge';

const ROW_HEIGHT = 36;

export function RecordsScreen() {
  const t = useT();
  const s = useRecords();
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);
  const folder = findFolder(s.tree, s.folderId);
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t.nav.records}>
        {s.years.length > 0 ? (
          <label className="row">
            {t.records.schoolYear}
            <select value={s.yearId ?? ''} onChange={(e) => void s.selectYear(Number(e.target.value))}>
              {s.years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </PageHeader>
      <ErrorBox error={s.error} onRetry={() => void load()} />
      {s.years.length === 0 && !s.error ? <Empty>{t.records.noYear}</Empty> : null}
      {s.tree.length > 0 ? (
        <div className="split">
          <nav className="tree" aria-label={t.records.tree}>
            <FolderTree nodes={s.tree} depth={0} />
          </nav>
          <div>
            <SearchBox />
            {s.searchResults ? <SearchResults results={s.searchResults} /> : folder ? <FolderView folder={folder} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function FolderTree({ nodes, depth }: { nodes: FolderNode[]; depth: number }) {
  const { folderId, selectFolder } = useRecords();
  const t = useT();
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  return (
    <ul role={depth === 0 ? 'tree' : 'group'} style={{ listStyle: 'none', margin: 0, paddingLeft: depth ? 14 : 0 }}>
      {nodes.map((n) => {
        const open = !collapsed.has(n.id);
        return (
          <li key={n.id} role="none">
            <button
              type="button"
              role="treeitem"
              aria-selected={n.id === folderId}
              aria-expanded={n.children.length ? open : undefined}
              data-folder={n.name}
              onClick={() => selectFolder(n.id)}
              onKeyDown={(e) => {
                if (!n.children.length) return;
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                  e.preventDefault();
                  const next = new Set(collapsed);
                  if (e.key === 'ArrowLeft') next.add(n.id);
                  else next.delete(n.id);
                  setCollapsed(next);
                }
              }}
            >
              <span>{n.name}</span>
              <span className="count" aria-label={t.records.countLabel(n.totalCount)}>
                {n.totalCount}
              </span>
            </button>
            {n.children.length && open ? <FolderTree nodes={n.children} depth={depth + 1} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

function SearchBox() {
  const t = useT();
  const search = useRecords((s) => s.search);
  const [q, setQ] = useState('');
  const timer = useRef<number | undefined>(undefined);
  return (
    <div className="row" role="search" style={{ marginBottom: '0.6rem' }}>
      <label htmlFor="records-search">{t.records.search}</label>
      <input
        id="records-search"
        type="search"
        value={q}
        placeholder={t.records.searchHint}
        style={{ flex: 1 }}
        onChange={(e) => {
          setQ(e.target.value);
          window.clearTimeout(timer.current);
          const v = e.target.value;
          timer.current = window.setTimeout(() => void search(v), 250);
        }}
      />
    </div>
  );
}

function DocumentRow({ d }: { d: DocumentSummary | undefined }) {
  const lang = useLang((s) => s.lang);
  const t = useT();
  if (!d) return <span className="hint">{t.common.loading}</span>;
  return (
    <>
      <StatusBadge status={d.status} />
      <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }} data-doc-title={d.title}>
        {d.title}
      </span>
      <span className="hint">{d.ownerName ?? ''}</span>
      <span className="hint">{formatDate(d.docDate, lang, false)}</span>
    </>
  );
}

function FolderView({ folder }: { folder: FolderNode }) {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { rows, needRange } = useRecords();
  const openDocument = useNav((s) => s.openDocument);
  const [selected, setSelected] = useState<number>(-1);
  const open = (i: number) => {
    const d = rows.get(i);
    if (d) openDocument(String(d.id));
  };
  return (
    <div>
      <h2>
        {folder.name} <span className="hint">({t.records.documents(formatNumber(folder.documentCount, lang))})</span>
      </h2>
      <ImportPanel />
      {folder.documentCount === 0 ? (
        <Empty>{t.records.emptyFolder}</Empty>
      ) : (
        <VirtualList
          count={folder.documentCount}
          rowHeight={ROW_HEIGHT}
          height={Math.min(420, folder.documentCount * ROW_HEIGHT + 2)}
          rowAt={(i) => rows.get(i)}
          renderRow={(d) => <DocumentRow d={d} />}
          onNeedRange={needRange}
          label={t.records.listLabel(folder.name)}
          selectedIndex={selected}
          onSelect={setSelected}
          onActivate={open}
          testId="documents"
        />
      )}
      {selected >= 0 && rows.get(selected) ? (
        <p className="row">
          <button type="button" onClick={() => open(selected)}>
            {t.records.openDocument}: {rows.get(selected)?.title}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function SearchResults({ results }: { results: DocumentSummary[] }) {
  const t = useT();
  const openDocument = useNav((s) => s.openDocument);
  if (results.length === 0) return <Empty>{t.records.noResult}</Empty>;
  return (
    <ul className="card" aria-label={t.records.results(results.length)} style={{ listStyle: 'none', padding: 0 }}>
      {results.map((d) => (
        <li key={d.id} className="row" style={{ padding: '0.3rem 0.6rem' }}>
          <button type="button" className="link" onClick={() => openDocument(String(d.id))}>
            {d.title}
          </button>
          <StatusBadge status={d.status} />
        </li>
      ))}
    </ul>
  );
}

function ImportPanel() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const { importFiles, importPaths, importing, importProgress, importResults } = useRecords();
  const [over, setOver] = useState(false);
  const [pathText, setPathText] = useState('');
  const [open, setOpen] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void importFiles([...e.dataTransfer.files]);
  };
  const onPaths = (e: FormEvent) => {
    e.preventDefault();
    const paths = pathText.split('\n').map((p) => p.trim()).filter(Boolean);
    setPathText('');
    void importPaths(paths);
  };
  return (
    <details className="card" open={open || importing} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t.records.import}</summary>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t.records.dropHere}</p>
        <label className="row" style={{ justifyContent: 'center' }}>
          {t.records.pick}
          <input type="file" multiple accept=".pdf,.doc,.docx,.odt,application/pdf" disabled={importing} onChange={(e) => void importFiles([...(e.target.files ?? [])])} data-testid="import-picker" />
        </label>
      </div>
      <form onSubmit={onPaths} className="row" style={{ marginTop: '0.5rem' }}>
        <label htmlFor="import-paths">{t.records.paths}</label>
        <textarea id="import-paths" rows={2} value={pathText} onChange={(e) => setPathText(e.target.value)} style={{ flex: 1 }} />
        <button type="submit" disabled={importing || !pathText.trim()}>
          {t.records.importPaths}
        </button>
      </form>
      {importProgress ? (
        <div role="status">
          <label>
            {t.records.importing(importProgress.done, importProgress.total)}
            <progress max={importProgress.total} value={importProgress.done} />
          </label>
        </div>
      ) : null}
      {importResults ? (
        <ul aria-label={t.records.importResults}>
          {importResults.map((r) => (
            <li key={r.file} className={r.ok ? 'verdict-valid' : 'verdict-invalid'}>
              {r.file.split(/[\\/]/).pop()}: {r.ok ? t.records.imported : r.error ? errorText({ code: r.error.code, message: r.error.message, messageEn: r.error.messageEn }, lang) : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
