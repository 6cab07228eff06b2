// placeholder: replaced by the symbolic worker
