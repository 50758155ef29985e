document.body
	? document.body.classList.add('js-enabled', 'govuk-frontend-supported')
	: document.documentElement.classList.add('js-enabled');
document.addEventListener('DOMContentLoaded', function () {
	document.body.classList.add('js-enabled');
	if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
});
