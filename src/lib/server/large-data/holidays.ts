/**
 * England and Wales bank holidays before the app's default list (which starts in 2024), so working
 * days five years back count the same way as today's. Added per service, as an admin would.
 */
export const EARLIER_BANK_HOLIDAYS: readonly { date: string; name: string }[] = [
	['2020-01-01', 'New Year’s Day'], ['2020-04-10', 'Good Friday'], ['2020-04-13', 'Easter Monday'], ['2020-05-08', 'Early May bank holiday'],
	['2020-05-25', 'Spring bank holiday'], ['2020-08-31', 'Summer bank holiday'], ['2020-12-25', 'Christmas Day'], ['2020-12-28', 'Boxing Day'],
	['2021-01-01', 'New Year’s Day'], ['2021-04-02', 'Good Friday'], ['2021-04-05', 'Easter Monday'], ['2021-05-03', 'Early May bank holiday'],
	['2021-05-31', 'Spring bank holiday'], ['2021-08-30', 'Summer bank holiday'], ['2021-12-27', 'Christmas Day'], ['2021-12-28', 'Boxing Day'],
	['2022-01-03', 'New Year’s Day'], ['2022-04-15', 'Good Friday'], ['2022-04-18', 'Easter Monday'], ['2022-05-02', 'Early May bank holiday'],
	['2022-06-02', 'Spring bank holiday'], ['2022-06-03', 'Platinum Jubilee bank holiday'], ['2022-08-29', 'Summer bank holiday'],
	['2022-09-19', 'State Funeral of Queen Elizabeth II'], ['2022-12-26', 'Boxing Day'], ['2022-12-27', 'Christmas Day'],
	['2023-01-02', 'New Year’s Day'], ['2023-04-07', 'Good Friday'], ['2023-04-10', 'Easter Monday'], ['2023-05-01', 'Early May bank holiday'],
	['2023-05-08', 'Bank holiday for the coronation of King Charles III'], ['2023-05-29', 'Spring bank holiday'], ['2023-08-28', 'Summer bank holiday'],
	['2023-12-25', 'Christmas Day'], ['2023-12-26', 'Boxing Day']
].map(([date, name]) => ({ date: date as string, name: name as string }));
