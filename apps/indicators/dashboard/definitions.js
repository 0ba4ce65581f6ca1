// The definitions of the indicators (GET /indicators/definitions), one click away.

export async function showDefinitions(dialog, api) {
  if (!dialog.dataset.loaded) {
    const definitions = await api.get('/indicators/definitions');
    const table = dialog.querySelector('tbody');
    table.replaceChildren(
      ...definitions.map((d) => {
        const tr = document.createElement('tr');
        tr.id = `def-${d.name}`;
        for (const text of [d.name, d.formula, d.unit, d.sourceEvents.join(', ')]) {
          const td = document.createElement('td');
          td.textContent = text;
          tr.append(td);
        }
        return tr;
      }),
    );
    dialog.dataset.loaded = 'true';
  }
  dialog.showModal();
}
