// placeholder: the CLI lands here
console.log('derivcheck');
