"""The item bank: item documents, versions, the authoring workflow, scoring and rendering."""
